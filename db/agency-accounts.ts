// An agency's collection accounts (migration 0011): reference data a platform administrator keeps. Read on every
// invoice issued and statement imported, always from the database (never cached), so a deactivation holds at once
// in every process.
import type { Pool, PoolClient } from 'pg';

type Db = Pool | PoolClient;

export interface AgencyAccount {
  iban: string; bic: string | null; agencyId: string; name: string; active: boolean;
  createdBy: string; createdAt: string; deactivatedBy: string | null; deactivatedAt: string | null;
}

function present(r: Record<string, unknown>): AgencyAccount {
  return {
    iban: r.iban as string, bic: r.bic as string | null, agencyId: r.agency_id as string, name: r.name as string, active: r.active as boolean,
    createdBy: r.created_by as string, createdAt: (r.created_at as Date).toISOString(),
    deactivatedBy: r.deactivated_by as string | null, deactivatedAt: r.deactivated_at ? (r.deactivated_at as Date).toISOString() : null,
  };
}

export async function listAgencyAccounts(db: Db, filter: { agencyId?: string; active?: boolean }): Promise<AgencyAccount[]> {
  const { rows } = await db.query(
    `SELECT * FROM agency_accounts WHERE ($1::text IS NULL OR agency_id = $1) AND ($2::boolean IS NULL OR active = $2)
     ORDER BY agency_id, created_at, iban`, [filter.agencyId ?? null, filter.active ?? null]);
  return rows.map(present);
}

export async function findAgencyAccount(db: Db, iban: string): Promise<AgencyAccount | null> {
  const { rows } = await db.query('SELECT * FROM agency_accounts WHERE iban = $1', [iban]);
  return rows[0] ? present(rows[0]) : null;
}

/** Inserts a new account; null when the IBAN is registered already (to this or another agency). */
export async function insertAgencyAccount(db: Db, a: { iban: string; bic: string | null; agencyId: string; name: string; createdBy: string }): Promise<AgencyAccount | null> {
  const { rows } = await db.query(
    `INSERT INTO agency_accounts (iban, bic, agency_id, name, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (iban) DO NOTHING RETURNING *`, [a.iban, a.bic, a.agencyId, a.name, a.createdBy]);
  return rows[0] ? present(rows[0]) : null;
}

/** Deactivates an account (idempotent: the first deactivation's author and time stay). */
export async function deactivateAgencyAccount(db: Db, iban: string, by: string): Promise<AgencyAccount | null> {
  const { rows } = await db.query(
    `UPDATE agency_accounts SET active = false, deactivated_by = COALESCE(deactivated_by, $2), deactivated_at = COALESCE(deactivated_at, now())
     WHERE iban = $1 RETURNING *`, [iban, by]);
  return rows[0] ? present(rows[0]) : null;
}

/**
 * The account an invoice of the agency is paid into: the one asked for if it is an active account of the agency
 * (else null); without a wish, the agency's default (agencies.creditor_iban) while active, else its oldest active one.
 */
export async function collectionAccountFor(db: Db, agencyId: string, iban?: string): Promise<AgencyAccount | null> {
  const { rows } = await db.query(
    `SELECT a.* FROM agency_accounts a JOIN agencies g ON g.id = a.agency_id
     WHERE a.agency_id = $1 AND a.active AND ($2::text IS NULL OR a.iban = $2)
     ORDER BY (a.iban = g.creditor_iban) DESC, a.created_at, a.iban LIMIT 1`, [agencyId, iban ?? null]);
  return rows[0] ? present(rows[0]) : null;
}

/** Whether the account belongs to the agency (active or not: a closed account's last statements are still its own). */
export async function agencyOwnsAccount(db: Db, agencyId: string, iban: string | null): Promise<boolean> {
  if (!iban) return false;
  const { rows } = await db.query('SELECT 1 FROM agency_accounts WHERE iban = $1 AND agency_id = $2', [iban, agencyId]);
  return rows.length > 0;
}
