// Co-editing merges field by field, last writer wins: each field (a JSON Pointer) carries a version; an edit gets
// the next version of its field wherever it arrives, so edits to different fields never conflict and two edits to
// one field end in the same value on every screen (clients ignore a field update older than what they hold).
// Versions live in Redis when several API nodes share sessions, else in memory; PostgreSQL keeps the draft, to
// which edits are flushed within a fraction of a second (the same autosave as PUT /draft, merged by version).
import type { Pool } from 'pg';
import type { RedisClientType } from 'redis';
import { setPointer } from '../../workflows/application/expressions';

export interface FieldEdit { pointer: string; value: unknown; version: number }

export interface FieldVersions {
  /** Assigns the next version of the field; `dbVersions` seeds a cold store from the saved draft. */
  next(caseId: string, pointer: string, value: unknown, dbVersions: () => Promise<Record<string, number>>): Promise<number>;
  /** Field values newer than the saved draft may hold (not yet flushed). */
  pending(caseId: string): Promise<FieldEdit[]>;
  /** What the citizen's screen shows (page, step, focus, errors), for a watcher who joins later. */
  setPresence(key: string, presence: Record<string, unknown>): Promise<void>;
  presence(key: string): Promise<Record<string, unknown> | null>;
  close(): Promise<void>;
}

export function memoryFieldVersions(): FieldVersions {
  const cases = new Map<string, Map<string, { value: unknown; version: number }>>();
  const presences = new Map<string, Record<string, unknown>>();
  return {
    async next(caseId, pointer, value, dbVersions) {
      let fields = cases.get(caseId);
      if (!fields) {
        const seeded = await dbVersions();
        fields = cases.get(caseId) ?? new Map(Object.entries(seeded).map(([p, v]) => [p, { value: undefined, version: v }]));
        cases.set(caseId, fields);
      }
      const version = (fields.get(pointer)?.version ?? 0) + 1;
      fields.set(pointer, { value, version });
      return version;
    },
    async pending(caseId) {
      return [...(cases.get(caseId)?.entries() ?? [])].filter(([, f]) => f.value !== undefined).map(([pointer, f]) => ({ pointer, value: f.value, version: f.version }));
    },
    async setPresence(key, presence) { presences.set(key, presence); },
    async presence(key) { return presences.get(key) ?? null; },
    async close() { cases.clear(); presences.clear(); },
  };
}

export function redisFieldVersions(redis: RedisClientType): FieldVersions {
  const key = (caseId: string) => `cobrowse:fields:${caseId}`;
  const values = (caseId: string) => `cobrowse:values:${caseId}`;
  return {
    async next(caseId, pointer, value, dbVersions) {
      if (!(await redis.exists(key(caseId)))) {
        const seeded = await dbVersions();
        for (const [p, v] of Object.entries(seeded)) await redis.hSetNX(key(caseId), p, String(v));
      }
      const version = await redis.hIncrBy(key(caseId), pointer, 1);
      await redis.hSet(values(caseId), pointer, JSON.stringify({ value, version }));
      await redis.expire(key(caseId), 86_400);
      await redis.expire(values(caseId), 86_400);
      return version;
    },
    async pending(caseId) {
      const all = await redis.hGetAll(values(caseId));
      return Object.entries(all).map(([pointer, json]) => ({ pointer, ...(JSON.parse(json) as { value: unknown; version: number }) }));
    },
    async setPresence(key, presence) { await redis.set(`cobrowse:presence:${key}`, JSON.stringify(presence), { EX: 86_400 }); },
    async presence(key) {
      const json = await redis.get(`cobrowse:presence:${key}`);
      return json ? (JSON.parse(json) as Record<string, unknown>) : null;
    },
    async close() { /* the caller owns the client */ },
  };
}

export async function savedFieldVersions(pool: Pool, caseId: string): Promise<Record<string, number>> {
  const { rows } = await pool.query('SELECT draft_field_versions FROM applications WHERE case_id = $1', [caseId]);
  return (rows[0]?.draft_field_versions ?? {}) as Record<string, number>;
}

/** Applies edits to the saved draft, each only if newer than the version saved for its field. */
export async function flushEdits(pool: Pool, caseId: string, edits: FieldEdit[], savedBy: string): Promise<void> {
  if (edits.length === 0) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `SELECT a.draft_data, a.draft_field_versions, c.status FROM applications a JOIN cases c ON c.id = a.case_id WHERE a.case_id = $1 FOR UPDATE OF a`, [caseId]);
    if (!rows[0] || rows[0].status !== 'draft') {
      await client.query('ROLLBACK');
      return; // submitted meanwhile: the draft is frozen
    }
    let data = rows[0].draft_data as Record<string, unknown>;
    const versions = { ...(rows[0].draft_field_versions as Record<string, number>) };
    let changed = false;
    for (const e of edits) {
      if ((versions[e.pointer] ?? 0) >= e.version) continue;
      data = setPointer(data, e.pointer, e.value);
      versions[e.pointer] = e.version;
      changed = true;
    }
    if (changed) {
      await client.query(
        `UPDATE applications SET draft_data = $2, draft_field_versions = $3, draft_version = draft_version + 1, draft_saved_at = now(), draft_saved_by = $4
          WHERE case_id = $1`, [caseId, JSON.stringify(data), JSON.stringify(versions), savedBy]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Collects edits per application and flushes them shortly after the last one (autosave without a write per key). */
export function editFlusher(pool: Pool, onError: (e: unknown) => void, delayMs = 150) {
  const queues = new Map<string, { edits: FieldEdit[]; savedBy: string; timer: NodeJS.Timeout }>();
  const flush = async (caseId: string) => {
    const q = queues.get(caseId);
    if (!q) return;
    queues.delete(caseId);
    clearTimeout(q.timer);
    await flushEdits(pool, caseId, q.edits, q.savedBy).catch(onError);
  };
  return {
    add(caseId: string, edit: FieldEdit, savedBy: string) {
      const q = queues.get(caseId);
      if (q) {
        q.edits.push(edit);
        q.savedBy = savedBy;
      } else {
        queues.set(caseId, { edits: [edit], savedBy, timer: setTimeout(() => void flush(caseId), delayMs) });
      }
    },
    flush,
    async flushAll() { await Promise.all([...queues.keys()].map(flush)); },
  };
}
