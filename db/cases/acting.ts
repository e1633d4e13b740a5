// Who acts for the recipient of a case, and on what recorded basis (consent, written mandate, delegation): staff at
// a counter opening or submitting an application for a citizen. The policy module checks these columns at every
// request (api/platform/auth/policy.ts).
import type { Pool } from 'pg';
import { registeredAtOf } from './partitions';

export interface ActingStaff {
  id: string;
  name: string | null;
  officeId: string | null;
}

/**
 * Staff opened the case at the counter for its recipient on a mandate or delegation: the case names the record
 * both the acting staff member and the representative rely on.
 */
export async function recordCounterRepresentation(
  pool: Pool,
  caseId: string,
  a: {
    staff: ActingStaff;
    basis: 'mandate' | 'delegation';
    reference: string;
    representative: { type: string; id: string; name: string | null };
  },
): Promise<void> {
  await pool.query(
    `UPDATE cases SET acting_staff_id = $2, acting_staff_name = $3, acting_office_id = $4, acting_basis = $5, acting_basis_ref = $6,
       representative_type = $7, representative_id = $8, representative_name = $9, representative_basis = $5, representative_basis_ref = $6
      WHERE id = $1 AND registered_at = ${registeredAtOf('$1')}`,
    [
      caseId,
      a.staff.id,
      a.staff.name,
      a.staff.officeId,
      a.basis,
      a.reference,
      a.representative.type,
      a.representative.id,
      a.representative.name,
    ],
  );
}

/**
 * A citizen opened the case for the party they represent (a company's board member, a delegate): the case names the
 * representative and the basis; the policy checks the basis again at every request. Once: answers false when the
 * case names its representative already (a retried opening).
 */
export async function recordRepresentative(
  pool: Pool,
  caseId: string,
  a: { representative: { type: string; id: string; name: string | null }; basis: string; reference: string | null },
): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE cases SET representative_type = $2, representative_id = $3, representative_name = $4, representative_basis = $5,
       representative_basis_ref = $6
      WHERE id = $1 AND registered_at = ${registeredAtOf('$1')} AND representative_id IS NULL`,
    [caseId, a.representative.type, a.representative.id, a.representative.name, a.basis, a.reference],
  );
  return rowCount === 1;
}

/**
 * Staff submit the case for its recipient: the case records who acted, on which basis, and where (at an office,
 * the office's in-person channel and municipality replace the e-service's).
 */
export async function recordSubmissionOnBehalf(
  pool: Pool,
  caseId: string,
  a: { staff: ActingStaff; basis: string; reference: string | null; municipalityCode: string | null },
): Promise<void> {
  await pool.query(
    `UPDATE cases SET acting_staff_id = $2, acting_staff_name = $3, acting_office_id = $4, acting_basis = $5, acting_basis_ref = $6,
       channel = CASE WHEN $4::text IS NULL THEN channel ELSE 'in_person' END, office_id = COALESCE($4, office_id),
       municipality_code = COALESCE($7, municipality_code), updated_at = now()
      WHERE id = $1 AND registered_at = ${registeredAtOf('$1')}`,
    [caseId, a.staff.id, a.staff.name, a.staff.officeId, a.basis, a.reference, a.municipalityCode],
  );
}
