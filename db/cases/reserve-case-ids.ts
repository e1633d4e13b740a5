// Reserving case ids for an agency system that creates cases in its own system first and registers them later.
import type { Pool, PoolClient } from 'pg';
import { caseIdFromNumber } from '../domain/case-id';

export async function reserveCaseIds(pool: Pool, agencyId: string, count: number, reservedBy: string): Promise<string[]> {
  const { rows } = await pool.query<{ case_id: string }>(
    `INSERT INTO case_id_reservations (case_id, agency_id, reserved_by)
     SELECT unnest($1::text[]), $2, $3 RETURNING case_id`,
    [await nextCaseIds(pool, count), agencyId, reservedBy],
  );
  return rows.map((r) => r.case_id);
}

export async function nextCaseIds(pool: Pool | PoolClient, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ n: number }>("SELECT nextval('case_number_seq') AS n FROM generate_series(1, $1)", [count]);
  return rows.map((r) => caseIdFromNumber(r.n));
}
