// The payment step of an e-service (payment_requests, migration 0002): a request per case and step, settled by an
// invoice of billing (db/billing/) or expired when the step's time runs out.
import type { Pool } from 'pg';
import type { Localized } from '../../forms/types/api';

/** Opens the step's payment request; the id is derived from the case and step, so a retry opens no second one. */
export async function insertPaymentRequest(
  pool: Pool,
  r: { id: string; caseId: string; stepId: string; amountEur: number; description: Localized; expiresInMs: number },
): Promise<void> {
  await pool.query(
    `INSERT INTO payment_requests (id, case_id, step_id, amount_eur, description_lv, description_en, status, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'requested', now() + $7 * interval '1 millisecond') ON CONFLICT (id) DO NOTHING`,
    [r.id, r.caseId, r.stepId, r.amountEur, r.description.lv, r.description.en, r.expiresInMs],
  );
}

/** The step's time ran out: a request still unpaid expires. */
export async function expirePaymentRequest(pool: Pool, requestId: string): Promise<void> {
  await pool.query(`UPDATE payment_requests SET status = 'expired' WHERE id = $1 AND status = 'requested'`, [requestId]);
}

/** Its invoice is paid (a retry keeps the first payment time). */
export async function markPaymentRequestPaid(pool: Pool, requestId: string): Promise<void> {
  await pool.query(`UPDATE payment_requests SET status = 'paid', paid_at = COALESCE(paid_at, now()) WHERE id = $1`, [requestId]);
}
