// Co-editing merges field by field, last writer wins: each field (a JSON Pointer) carries a version; an edit gets
// the next version of its field wherever it arrives, so edits to different fields never conflict and two edits to
// one field end in the same value on every screen (clients ignore a field update older than what they hold).
// Versions live in Redis when several API nodes share sessions, else in memory; PostgreSQL keeps the draft, to
// which edits are saved within a second, merged by version (autosave.ts). A keystroke costs no database round trip.
// Once an application has left draft (submitted, withdrawn) its draft never changes again, so the store refuses
// further edits: told by the API node that submitted it, by the status notification every node gets, by a flush
// that found it frozen, or (a cold store) by the saved draft itself. Refusing costs no extra round trip either.
import type { RedisClientType } from 'redis';
import type { AssistPresence } from '../../forms/types/api';

/** One field update: the value a field got, and its version. */
export interface FieldEdit {
  pointer: string;
  value: unknown;
  version: number;
}

export interface FieldVersions {
  /**
   * Assigns the next version of the field; `dbVersions` seeds a cold store from the saved draft (null: it is no
   * longer a draft). Null when the application has left draft: the edit is refused, never saved.
   */
  next(caseId: string, pointer: string, value: unknown, dbVersions: () => Promise<Record<string, number> | null>): Promise<number | null>;
  /** The application has left draft: no edit is accepted from now on (on every node sharing the store). */
  leftDraft(caseId: string): Promise<void>;
  /** Field values newer than the saved draft may hold (not yet flushed). */
  pending(caseId: string): Promise<FieldEdit[]>;
  /** The saved draft now holds these versions (null: it is no longer a draft); lets the memory store forget idle sessions. */
  settled(caseId: string, saved: Record<string, number> | null): void;
  /** What the citizen's screen shows (page, step, focus, errors), for a watcher who joins later. */
  setPresence(key: string, presence: AssistPresence): Promise<void>;
  presence(key: string): Promise<AssistPresence | null>;
  close(): Promise<void>;
}

/** Keeps a map to `max` entries, forgetting the least recently set (a long-running node sees many sessions). */
function setCapped<K, V>(map: Map<K, V>, key: K, value: V, max: number) {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}

export function memoryFieldVersions(opts: { idleMs?: number } = {}): FieldVersions {
  const idleMs = opts.idleMs ?? 10 * 60_000;
  const cases = new Map<
    string,
    { fields: Map<string, { value: unknown; version: number }>; touched: number; saved: Record<string, number> | null }
  >();
  const presences = new Map<string, AssistPresence>();
  const left = new Map<string, true>(); // applications no longer in draft (a case never goes back to draft)
  const leave = (caseId: string) => {
    setCapped(left, caseId, true, 100_000);
    cases.delete(caseId);
  };
  // A session idle for a while whose every field is saved at its latest version is forgotten: the draft alone is
  // the truth then, and its next edit seeds the versions from it. (Never on the way of a keystroke: that would cost
  // a database read per flush.)
  const sweeper = setInterval(
    () => {
      const before = Date.now() - idleMs;
      for (const [caseId, c] of cases) {
        const saved = c.saved;
        if (c.touched < before && saved && [...c.fields].every(([p, f]) => (saved[p] ?? 0) >= f.version)) cases.delete(caseId);
      }
    },
    Math.min(idleMs, 60_000),
  );
  sweeper.unref();
  return {
    async next(caseId, pointer, value, dbVersions) {
      if (left.has(caseId)) return null;
      let c = cases.get(caseId);
      if (!c) {
        const seeded = await dbVersions();
        if (seeded === null) leave(caseId);
        if (left.has(caseId)) return null; // the saved draft, or news that arrived meanwhile, says it left draft
        c = cases.get(caseId) ?? {
          fields: new Map(Object.entries(seeded ?? {}).map(([p, v]) => [p, { value: undefined, version: v }])),
          touched: 0,
          saved: null,
        };
        cases.set(caseId, c);
      }
      const version = (c.fields.get(pointer)?.version ?? 0) + 1;
      c.fields.set(pointer, { value, version });
      c.touched = Date.now();
      return version;
    },
    async pending(caseId) {
      return [...(cases.get(caseId)?.fields.entries() ?? [])]
        .filter(([, f]) => f.value !== undefined)
        .map(([pointer, f]) => ({ pointer, value: f.value, version: f.version }));
    },
    async leftDraft(caseId) {
      leave(caseId);
    },
    settled(caseId, saved) {
      if (saved === null) return leave(caseId); // no longer a draft: nothing more will be saved
      const c = cases.get(caseId);
      if (c) c.saved = { ...c.saved, ...saved };
    },
    async setPresence(key, presence) {
      setCapped(presences, key, presence, 50_000);
    },
    async presence(key) {
      return presences.get(key) ?? null;
    },
    async close() {
      clearInterval(sweeper);
      cases.clear();
      presences.clear();
      left.clear();
    },
  };
}

// One script per edit: seeds a cold hash from the saved draft's versions (ARGV[3] = '1' and pairs after it), bumps
// the field's version and stores the value under it, atomically, so two nodes never pair a value with another's
// version. Returns false when the hash is cold and no seed was given (the caller reads the draft and calls again),
// -1 when the application has left draft (KEYS[3] is set).
const NEXT_SCRIPT = `
if redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
if redis.call('EXISTS', KEYS[1]) == 0 then
  if ARGV[3] ~= '1' then return false end
  for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
local v = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('HSET', KEYS[2], ARGV[1], v .. ' ' .. ARGV[2])
redis.call('EXPIRE', KEYS[1], 86400)
redis.call('EXPIRE', KEYS[2], 86400)
return v`;

/** Field versions shared by every API node through Redis; `prefix` keeps one deployment's keys apart from another's. */
export function redisFieldVersions(redis: RedisClientType, prefix = 'cobrowse:'): FieldVersions {
  const key = (caseId: string) => `${prefix}fields:${caseId}`;
  const values = (caseId: string) => `${prefix}values:${caseId}`;
  const closed = (caseId: string) => `${prefix}closed:${caseId}`;
  const run = (caseId: string, args: string[]) =>
    redis.eval(NEXT_SCRIPT, { keys: [key(caseId), values(caseId), closed(caseId)], arguments: args });
  // Longer than the field keys live, so the mark outlasts them; after that the saved draft says it (cold path).
  const CLOSED_SECONDS = 7 * 86_400;
  const leftDraft = async (caseId: string) => {
    await redis
      .multi()
      .set(closed(caseId), '1', { EX: CLOSED_SECONDS })
      .del([key(caseId), values(caseId)])
      .exec();
  };
  return {
    async next(caseId, pointer, value, dbVersions) {
      const json = JSON.stringify(value ?? null);
      let version = await run(caseId, [pointer, json, '0']);
      if (typeof version !== 'number') {
        const saved = await dbVersions();
        if (saved === null) {
          await leftDraft(caseId);
          return null;
        }
        version = await run(caseId, [pointer, json, '1', ...Object.entries(saved).flatMap(([p, v]) => [p, String(v)])]);
      }
      return Number(version) < 0 ? null : Number(version);
    },
    leftDraft,
    async pending(caseId) {
      const all = await redis.hGetAll(values(caseId));
      return Object.entries(all).map(([pointer, stored]) => {
        const space = stored.indexOf(' ');
        return { pointer, version: Number(stored.slice(0, space)), value: JSON.parse(stored.slice(space + 1)) as unknown };
      });
    },
    settled() {
      /* Redis forgets an idle session's keys after a day */
    },
    async setPresence(key, presence) {
      await redis.set(`${prefix}presence:${key}`, JSON.stringify(presence), { EX: 86_400 });
    },
    async presence(key) {
      const json = await redis.get(`${prefix}presence:${key}`);
      return json ? (JSON.parse(json) as AssistPresence) : null;
    },
    async close() {
      /* the caller owns the client */
    },
  };
}
