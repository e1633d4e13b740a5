// What a delegation or a mandate is checked against before it is written: the database's today (the day every
// validity check uses, whatever the clock of the process) and the e-services published now.
import type { Pool } from 'pg';

export async function databaseToday(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ today: string }>('SELECT current_date::text AS today');
  return rows[0].today;
}

/** Those of `ids` that name a published e-service (one with a version). */
export async function publishedEserviceIds(pool: Pool, ids: string[]): Promise<Set<string>> {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM eservice_definitions WHERE id = ANY($1) AND latest_version > 0', [ids]);
  return new Set(rows.map((r) => r.id));
}
