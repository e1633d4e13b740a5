// Co-editing merges field by field, last writer wins: each field (a JSON Pointer) carries a version; an edit gets
// the next version of its field wherever it arrives, so edits to different fields never conflict and two edits to
// one field end in the same value on every screen (clients ignore a field update older than what they hold).
// Versions live in Redis when several API nodes share sessions, else in memory; PostgreSQL keeps the draft, to
// which edits are flushed within a fraction of a second (the same autosave as PUT /draft, merged by version),
// after the audit rows of the staff edits among them: no edit is saved unaudited. A keystroke costs no database
// round trip of its own: each node saves what was typed into all its sessions in rounds of a few statements.
// Once an application has left draft (submitted, withdrawn) its draft never changes again, so the store refuses
// further edits: told by the API node that submitted it, by the status notification every node gets, by a flush
// that found it frozen, or (a cold store) by the saved draft itself. Refusing costs no extra round trip either.
import type { Pool } from 'pg';
import type { RedisClientType } from 'redis';
import { setPointer } from '../../workflows/application/expressions';
import { audit, type AuditEntry } from '../../db/audit';

/** One field update; a staff member's carries its audit entry, written before the edit is saved. */
export interface FieldEdit { pointer: string; value: unknown; version: number; audit?: AuditEntry }

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
  setPresence(key: string, presence: Record<string, unknown>): Promise<void>;
  presence(key: string): Promise<Record<string, unknown> | null>;
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
  const cases = new Map<string, { fields: Map<string, { value: unknown; version: number }>; touched: number; saved: Record<string, number> | null }>();
  const presences = new Map<string, Record<string, unknown>>();
  const left = new Map<string, true>(); // applications no longer in draft (a case never goes back to draft)
  const leave = (caseId: string) => {
    setCapped(left, caseId, true, 100_000);
    cases.delete(caseId);
  };
  // A session idle for a while whose every field is saved at its latest version is forgotten: the draft alone is
  // the truth then, and its next edit seeds the versions from it. (Never on the way of a keystroke: that would cost
  // a database read per flush.)
  const sweeper = setInterval(() => {
    const before = Date.now() - idleMs;
    for (const [caseId, c] of cases) {
      const saved = c.saved;
      if (c.touched < before && saved && [...c.fields].every(([p, f]) => (saved[p] ?? 0) >= f.version)) cases.delete(caseId);
    }
  }, Math.min(idleMs, 60_000));
  sweeper.unref();
  return {
    async next(caseId, pointer, value, dbVersions) {
      if (left.has(caseId)) return null;
      let c = cases.get(caseId);
      if (!c) {
        const seeded = await dbVersions();
        if (seeded === null) leave(caseId);
        if (left.has(caseId)) return null; // the saved draft, or news that arrived meanwhile, says it left draft
        c = cases.get(caseId) ?? { fields: new Map(Object.entries(seeded ?? {}).map(([p, v]) => [p, { value: undefined, version: v }])), touched: 0, saved: null };
        cases.set(caseId, c);
      }
      const version = (c.fields.get(pointer)?.version ?? 0) + 1;
      c.fields.set(pointer, { value, version });
      c.touched = Date.now();
      return version;
    },
    async pending(caseId) {
      return [...(cases.get(caseId)?.fields.entries() ?? [])].filter(([, f]) => f.value !== undefined).map(([pointer, f]) => ({ pointer, value: f.value, version: f.version }));
    },
    async leftDraft(caseId) { leave(caseId); },
    settled(caseId, saved) {
      if (saved === null) return leave(caseId); // no longer a draft: nothing more will be saved
      const c = cases.get(caseId);
      if (c) c.saved = { ...c.saved, ...saved };
    },
    async setPresence(key, presence) { setCapped(presences, key, presence, 50_000); },
    async presence(key) { return presences.get(key) ?? null; },
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
  const run = (caseId: string, args: string[]) => redis.eval(NEXT_SCRIPT, { keys: [key(caseId), values(caseId), closed(caseId)], arguments: args });
  // Longer than the field keys live, so the mark outlasts them; after that the saved draft says it (cold path).
  const CLOSED_SECONDS = 7 * 86_400;
  const leftDraft = async (caseId: string) => {
    await redis.multi().set(closed(caseId), '1', { EX: CLOSED_SECONDS }).del([key(caseId), values(caseId)]).exec();
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
    settled() { /* Redis forgets an idle session's keys after a day */ },
    async setPresence(key, presence) { await redis.set(`${prefix}presence:${key}`, JSON.stringify(presence), { EX: 86_400 }); },
    async presence(key) {
      const json = await redis.get(`${prefix}presence:${key}`);
      return json ? (JSON.parse(json) as Record<string, unknown>) : null;
    },
    async close() { /* the caller owns the client */ },
  };
}

/** The field versions of the saved draft; null when the application is no longer a draft. */
export async function savedFieldVersions(pool: Pool, caseId: string): Promise<Record<string, number> | null> {
  const { rows } = await pool.query(
    'SELECT a.draft_field_versions, c.status FROM applications a JOIN cases c ON c.id = a.case_id WHERE a.case_id = $1', [caseId]);
  if (rows[0] && rows[0].status !== 'draft') return null;
  return (rows[0]?.draft_field_versions ?? {}) as Record<string, number>;
}

/** The saved draft as a flush left it: the next flush of the same application merges into it without reading. */
export interface SavedDraft { data: Record<string, unknown>; versions: Record<string, number>; draftVersion: number }

/** Edits of one application to save, and who made the last of them (draft_saved_by). */
export interface DraftEdits { caseId: string; edits: FieldEdit[]; savedBy: string; failures?: number }

/**
 * Saves the edits of several applications at once, each edit only if newer than the version saved for its field,
 * in a few statements whatever the number of applications: one INSERT of the staff edits' audit rows (first: an
 * edit that was made is on record even if saving it fails), one read of the drafts not in `known`, one UPDATE of
 * all the drafts. The UPDATE is optimistic (a draft is written only if its version is the one merged into), so no
 * transaction is held open and no row lock waited for; a draft written meanwhile (the prefill, PUT /draft, another
 * node) is read again and merged again. Returns each draft as saved, or null when it is no longer a draft.
 */
export async function saveDrafts(pool: Pool, batch: DraftEdits[], known: Map<string, SavedDraft> = new Map()): Promise<Map<string, SavedDraft | null>> {
  const result = new Map<string, SavedDraft | null>();
  const audited = batch.flatMap((b) => b.edits.filter((e) => e.audit));
  await audit(pool, audited.map((e) => e.audit as AuditEntry));
  for (const e of audited) delete e.audit; // on record: saving them again after a failure does not audit them twice
  let todo = batch.filter((b) => b.edits.length > 0);
  for (let attempt = 0; todo.length > 0; attempt += 1) {
    if (attempt === 10) throw new Error(`drafts kept changing while co-browse edits were saved: ${todo.map((b) => b.caseId).join(', ')}`);
    const base = new Map<string, SavedDraft>();
    const unknown: string[] = [];
    for (const b of todo) {
      const k = attempt === 0 ? known.get(b.caseId) : undefined;
      if (k) base.set(b.caseId, k);
      else unknown.push(b.caseId);
    }
    if (unknown.length) {
      const { rows } = await pool.query(
        `SELECT a.case_id, a.draft_data, a.draft_field_versions, a.draft_version FROM applications a JOIN cases c ON c.id = a.case_id
          WHERE a.case_id = ANY($1) AND c.status = 'draft'`, [unknown]);
      for (const r of rows) base.set(r.case_id, { data: r.draft_data, versions: r.draft_field_versions, draftVersion: r.draft_version });
    }
    const writes: Array<DraftEdits & { draft: SavedDraft }> = [];
    for (const b of todo) {
      const from = base.get(b.caseId);
      if (!from) {
        result.set(b.caseId, null); // submitted meanwhile (or gone): the draft is frozen
        continue;
      }
      let data = from.data;
      const versions = { ...from.versions };
      let changed = false;
      for (const e of b.edits) {
        if ((versions[e.pointer] ?? 0) >= e.version) continue;
        data = setPointer(data, e.pointer, e.value);
        versions[e.pointer] = e.version;
        changed = true;
      }
      if (changed) writes.push({ ...b, draft: { data, versions, draftVersion: from.draftVersion } });
      else result.set(b.caseId, from);
    }
    if (writes.length === 0) break;
    const { rows } = await pool.query<{ case_id: string; draft_version: number }>(
      `UPDATE applications a SET draft_data = u.data, draft_field_versions = u.versions, draft_version = a.draft_version + 1,
              draft_saved_at = now(), draft_saved_by = u.saved_by
         FROM unnest($1::text[], $2::jsonb[], $3::jsonb[], $4::int[], $5::text[]) AS u(case_id, data, versions, expected, saved_by), cases c
        WHERE a.case_id = u.case_id AND c.id = a.case_id AND c.status = 'draft' AND a.draft_version = u.expected
       RETURNING a.case_id, a.draft_version`,
      [writes.map((w) => w.caseId), writes.map((w) => JSON.stringify(w.draft.data)), writes.map((w) => JSON.stringify(w.draft.versions)),
        writes.map((w) => w.draft.draftVersion), writes.map((w) => w.savedBy)]);
    const written = new Map(rows.map((r) => [r.case_id, r.draft_version]));
    for (const w of writes) {
      const version = written.get(w.caseId);
      if (version !== undefined) result.set(w.caseId, { ...w.draft, draftVersion: version });
    }
    todo = writes.filter((w) => !written.has(w.caseId)).map(({ caseId, edits, savedBy }) => ({ caseId, edits, savedBy }));
  }
  return result;
}

/** The edits of one application saved at once (see saveDrafts). */
export async function flushEdits(pool: Pool, caseId: string, edits: FieldEdit[], savedBy: string): Promise<SavedDraft | null> {
  return (await saveDrafts(pool, [{ caseId, edits, savedBy }])).get(caseId) ?? null;
}

/**
 * Autosave of co-browse edits: whatever was typed into any application in the last `intervalMs` is saved in one
 * round (saveDrafts: a few statements for all of them), rounds one after another and never overlapping. Typing
 * costs the database a handful of statements a second however many sessions there are, and when it is slow the
 * rounds simply grow. An application can be saved at once (before it is submitted).
 */
// Half a second: typing reaches the database twice a second at most, every other session's keystrokes are relayed
// without waiting behind draft rebuilds, and a crash loses at most the last half second (a submit flushes first).
export const AUTOSAVE_ROUND_MS = 500;
const AUTOSAVE_SLICE = 40;

export function editFlusher(pool: Pool, store: FieldVersions, onError: (e: unknown) => void, intervalMs = AUTOSAVE_ROUND_MS) {
  const queues = new Map<string, DraftEdits>();
  const known = new Map<string, SavedDraft>(); // each draft as the last round left it (a few thousand sessions' worth)
  let chain: Promise<void> = Promise.resolve(); // rounds, one after another
  let timer: NodeJS.Timeout | null = null;
  let lastRound = 0;

  const save = async (batch: DraftEdits[]) => {
    try {
      const saved = await saveDrafts(pool, batch, known);
      for (const [caseId, draft] of saved) {
        if (draft) setCapped(known, caseId, draft, 5_000);
        else known.delete(caseId);
        store.settled(caseId, draft?.versions ?? null);
      }
    } catch (e) {
      // Tried again in the next round (twice at most), before anything typed since.
      for (const b of batch) {
        known.delete(b.caseId);
        const failures = (b.failures ?? 0) + 1;
        if (failures > 2) continue;
        const later = queues.get(b.caseId);
        queues.set(b.caseId, { ...b, edits: [...b.edits, ...(later?.edits ?? [])], savedBy: later?.savedBy ?? b.savedBy, failures });
      }
      onError(e);
    }
  };
  const take = (caseIds: string[]) => caseIds.flatMap((id) => {
    const q = queues.get(id);
    queues.delete(id);
    return q ? [q] : [];
  });
  const round = (caseIds?: string[]) => {
    chain = chain.then(async () => {
      const batch = take(caseIds ?? [...queues.keys()].slice(0, 500)); // the rest in the next round
      // In slices: each slice's statements are built in one go, so a slice bounds how long the event loop is busy
      // with autosave before it relays keystrokes again.
      for (let i = 0; i < batch.length; i += AUTOSAVE_SLICE) await save(batch.slice(i, i + AUTOSAVE_SLICE));
    });
    return chain;
  };
  const schedule = () => {
    if (timer || queues.size === 0) return;
    timer = setTimeout(() => {
      timer = null;
      lastRound = Date.now();
      void round().then(schedule);
    }, Math.max(0, lastRound + intervalMs - Date.now())); // a round at most every intervalMs; back to back when slower
  };
  return {
    add(caseId: string, edit: FieldEdit, savedBy: string) {
      const q = queues.get(caseId);
      if (q) {
        q.edits.push(edit);
        q.savedBy = savedBy;
      } else {
        queues.set(caseId, { caseId, edits: [edit], savedBy });
      }
      schedule();
    },
    /** Saves what is queued for the application now, after any round already under way. */
    flush: (caseId: string) => round([caseId]),
    async flushAll() {
      await round([...queues.keys()]);
    },
  };
}
