// Joint representation of a company (table `representation_confirmations`): a board member who may represent the
// company only together with the others asks them to confirm that they may act alone for a while; each of the other
// members confirms (or one declines). Who the other members are is the enterprise register's answer at the moment of
// each check (api/platform/auth/company-representation.ts), so a member who leaves the board neither counts nor blocks.
import type { Pool } from 'pg';

export interface ConfirmationRow {
  id: string;
  company_reg_no: string;
  company_name: string;
  requester_id: string;
  requester_name: string;
  confirmed_by: string[];
  declined_by: string | null;
  /** The last day it is valid (YYYY-MM-DD). */
  valid_until: string;
  created_at: Date;
  revoked_at: Date | null;
  /** Computed against the database's current_date. */
  open: boolean;
}

const COLUMNS = `c.id, c.company_reg_no, c.company_name, c.requester_id, c.requester_name, c.confirmed_by, c.declined_by,
  c.valid_until::text AS valid_until, c.created_at, c.revoked_at,
  (c.revoked_at IS NULL AND c.declined_by IS NULL AND c.valid_until >= current_date) AS open`;

export async function insertConfirmationRequest(
  pool: Pool,
  r: { id: string; regNo: string; companyName: string; requesterId: string; requesterName: string; days: number },
): Promise<ConfirmationRow> {
  const { rows } = await pool.query<ConfirmationRow>(
    `INSERT INTO representation_confirmations AS c (id, company_reg_no, company_name, requester_id, requester_name, valid_until)
     VALUES ($1, $2, $3, $4, $5, current_date + $6::int) RETURNING ${COLUMNS}`,
    [r.id, r.regNo, r.companyName, r.requesterId, r.requesterName, r.days],
  );
  return rows[0];
}

export async function findConfirmation(pool: Pool, id: string): Promise<ConfirmationRow | null> {
  const { rows } = await pool.query<ConfirmationRow>(`SELECT ${COLUMNS} FROM representation_confirmations c WHERE c.id = $1`, [id]);
  return rows[0] ?? null;
}

/** The open requests of these companies (newest first): a member's to confirm, or their own. */
export async function openConfirmationsOf(pool: Pool, regNos: string[]): Promise<ConfirmationRow[]> {
  const { rows } = await pool.query<ConfirmationRow>(
    `SELECT ${COLUMNS} FROM representation_confirmations c WHERE c.company_reg_no = ANY($1::text[])
        AND c.revoked_at IS NULL AND c.declined_by IS NULL AND c.valid_until >= current_date ORDER BY c.created_at DESC LIMIT 200`,
    [regNos],
  );
  return rows;
}

/** The member's open requests for the company: the policy reads them at every request. */
export async function openConfirmationsFor(pool: Pool, regNo: string, requesterId: string): Promise<ConfirmationRow[]> {
  const { rows } = await pool.query<ConfirmationRow>(
    `SELECT ${COLUMNS} FROM representation_confirmations c WHERE c.company_reg_no = $1 AND c.requester_id = $2
        AND c.revoked_at IS NULL AND c.declined_by IS NULL AND c.valid_until >= current_date ORDER BY c.created_at DESC LIMIT 20`,
    [regNo, requesterId],
  );
  return rows;
}

/** Adds the member's confirmation (once) to an open request; null when it is not open any more. */
export async function addConfirmation(pool: Pool, id: string, memberId: string): Promise<ConfirmationRow | null> {
  const { rows } = await pool.query<ConfirmationRow>(
    `UPDATE representation_confirmations c SET confirmed_by = CASE WHEN $2 = ANY(c.confirmed_by) THEN c.confirmed_by ELSE c.confirmed_by || $2 END
      WHERE c.id = $1 AND c.revoked_at IS NULL AND c.declined_by IS NULL AND c.valid_until >= current_date RETURNING ${COLUMNS}`,
    [id, memberId],
  );
  return rows[0] ?? null;
}

/** A member declines an open request: it is closed for good. Null when it was not open. */
export async function declineConfirmation(pool: Pool, id: string, memberId: string): Promise<ConfirmationRow | null> {
  const { rows } = await pool.query<ConfirmationRow>(
    `UPDATE representation_confirmations c SET declined_by = $2
      WHERE c.id = $1 AND c.revoked_at IS NULL AND c.declined_by IS NULL AND c.valid_until >= current_date RETURNING ${COLUMNS}`,
    [id, memberId],
  );
  return rows[0] ?? null;
}

/** Withdraws a confirmation request or its confirmation (takes effect at once); null when it was closed already. */
export async function revokeConfirmation(pool: Pool, id: string, revokedBy: string): Promise<ConfirmationRow | null> {
  const { rows } = await pool.query<ConfirmationRow>(
    `UPDATE representation_confirmations c SET revoked_at = now(), revoked_by = $2 WHERE c.id = $1 AND c.revoked_at IS NULL RETURNING ${COLUMNS}`,
    [id, revokedBy],
  );
  return rows[0] ?? null;
}
