// Written mandates recorded at the counter. A representative presents a mandate from a citizen (the principal);
// staff upload the document, check who the representative is against the population register, and record its scope
// and validity. Only a recorded mandate, valid now, is a basis to act (api/platform/auth/policy.ts reads it at every request);
// the principal may revoke it at any moment, which ends every access that relies on it at once.
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import { ApiError, notFound, unprocessable, type ErrorDetail } from '../platform/errors';
import { normalisePersonId, type PersonRef } from '../../db/domain/person-id';
import type { Principal } from '../platform/auth/principal';
import type { UploadedFile } from '../platform/uploads';
import { MAX_DELEGATION_YEARS } from './commands';

export interface MandateInput {
  principal: PersonRef;
  representative: { type: 'natural'; id: string; name: string };
  documentId: string;
  documentReference?: string;
  validFrom: string;
  validUntil?: string;
  scope: 'all' | string[];
}

const MANDATE_COLUMNS = `m.id, m.principal_type, m.principal_id, m.representative_type, m.representative_id, m.representative_name,
  m.document_id, m.document_reference, m.scope, m.eservice_ids, m.valid_from::text AS valid_from, m.valid_until::text AS valid_until,
  m.recorded_by, m.recorded_office, m.created_at, m.revoked_at, f.file_name, f.content_type, f.byte_size,
  CASE WHEN m.revoked_at IS NOT NULL THEN 'revoked' WHEN m.valid_until < current_date THEN 'expired'
       WHEN m.valid_from > current_date THEN 'scheduled' ELSE 'active' END AS status`;
const FROM = 'FROM mandates m JOIN mandate_documents f ON f.id = m.document_id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row of MANDATE_COLUMNS, read field by field
export function presentMandate(r: Record<string, any>) {
  return {
    id: r.id as string,
    principal: { type: r.principal_type, id: r.principal_id },
    representative: { type: r.representative_type, id: r.representative_id, name: r.representative_name },
    document: {
      id: r.document_id,
      fileName: r.file_name,
      contentType: r.content_type,
      byteSize: r.byte_size,
      reference: r.document_reference ?? null,
    },
    scope: r.scope === 'all' ? ('all' as const) : [...(r.eservice_ids as string[])],
    validFrom: r.valid_from as string,
    validUntil: (r.valid_until ?? null) as string | null,
    status: r.status as string,
    recordedBy: r.recorded_by as string,
    recordedOffice: r.recorded_office ?? null,
    createdAt: (r.created_at as Date).toISOString(),
    revokedAt: r.revoked_at ? (r.revoked_at as Date).toISOString() : null,
  };
}
export type Mandate = ReturnType<typeof presentMandate>;

/** Stores the scanned mandate a staff member uploads, before the mandate is recorded. */
export async function storeMandateDocument(pool: Pool, staff: Principal, file: UploadedFile) {
  const id = crypto.randomUUID();
  await pool.query(
    'INSERT INTO mandate_documents (id, uploaded_by, office_id, file_name, content_type, byte_size, content, sha256) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
    [id, staff.sub, staff.office ?? null, file.name, file.type, file.content.length, file.content, file.sha256],
  );
  return { id, fileName: file.name, contentType: file.type, byteSize: file.content.length };
}

/** The fields of a mandate that are wrong on their own (before the register and the document are asked). */
async function fieldErrors(
  pool: Pool,
  input: MandateInput,
  principalId: string | null,
  representativeId: string | null,
): Promise<ErrorDetail[]> {
  const details: ErrorDetail[] = [];
  if (!principalId)
    details.push({ path: '/principal/id', code: 'invalid_person_id', message: 'malformed identifier or wrong check digit' });
  if (!representativeId)
    details.push({ path: '/representative/id', code: 'invalid_person_id', message: 'malformed personal code or wrong check digit' });
  else if (input.principal.type === 'natural' && representativeId === principalId)
    details.push({ path: '/representative/id', code: 'self_mandate', message: 'a person does not need a mandate from themselves' });
  const { rows } = await pool.query<{ today: string }>('SELECT current_date::text AS today');
  if (input.validUntil !== undefined && input.validUntil < input.validFrom)
    details.push({ path: '/validUntil', code: 'before_valid_from', message: 'must not be before validFrom' });
  else if (input.validUntil !== undefined && input.validUntil < rows[0].today)
    details.push({ path: '/validUntil', code: 'expired', message: 'the mandate has expired' });
  else if (
    input.validUntil !== undefined &&
    Number(input.validUntil.slice(0, 4)) - Number(input.validFrom.slice(0, 4)) > MAX_DELEGATION_YEARS
  ) {
    details.push({ path: '/validUntil', code: 'too_long', message: `at most ${MAX_DELEGATION_YEARS} years after validFrom` });
  }
  const listed = input.scope === 'all' ? [] : input.scope;
  if (listed.length) {
    const known = new Set(
      (
        await pool.query<{ id: string }>('SELECT id FROM eservice_definitions WHERE id = ANY($1) AND latest_version > 0', [listed])
      ).rows.map((r) => r.id),
    );
    listed.forEach((id, i) => {
      if (!known.has(id)) details.push({ path: `/scope/${i}`, code: 'unknown_eservice', message: `no published e-service ${id}` });
    });
  }
  return details;
}

/**
 * Records a mandate: every refusal is a 422 with the fields at fault; the representative's identity is checked by
 * `verifyRepresentative` (the population register) and the document must be one this staff member uploaded, unused.
 */
export async function recordMandate(
  pool: Pool,
  staff: Principal,
  input: MandateInput,
  verifyRepresentative: (personalCode: string, name: string) => Promise<void>,
): Promise<Mandate> {
  const principalId = normalisePersonId(input.principal);
  const representativeId = normalisePersonId({ type: 'natural', id: input.representative.id });
  const details = await fieldErrors(pool, input, principalId, representativeId);
  if (details.length) throw unprocessable('invalid_mandate', 'The mandate cannot be recorded as it is.', details);
  await verifyRepresentative(representativeId as string, input.representative.name);
  const listed = input.scope === 'all' ? [] : input.scope;
  const { rows } = await pool.query(
    `WITH doc AS (SELECT id FROM mandate_documents WHERE id = $7 AND uploaded_by = $11 AND NOT EXISTS (SELECT 1 FROM mandates WHERE document_id = $7))
     INSERT INTO mandates (id, principal_type, principal_id, representative_type, representative_id, representative_name, document_id,
       document_reference, scope, eservice_ids, valid_from, valid_until, recorded_by, recorded_office)
     SELECT $1, $2, $3, 'natural', $4, $5, $6, $8, $9, $10, $12, $13, $11, $14 FROM doc RETURNING id`,
    [
      crypto.randomUUID(),
      input.principal.type,
      principalId,
      representativeId,
      input.representative.name.trim(),
      input.documentId,
      input.documentId,
      input.documentReference?.trim() || null,
      listed.length ? 'eservices' : 'all',
      listed,
      staff.sub,
      input.validFrom,
      input.validUntil ?? null,
      staff.office ?? null,
    ],
  );
  if (!rows[0]) {
    throw unprocessable(
      'unknown_document',
      'Upload the mandate document first (POST /api/v1/mandate-documents); each document records one mandate.',
      [{ path: '/documentId', code: 'unknown_document', message: 'not a mandate document you uploaded, or used already' }],
    );
  }
  return findMandate(pool, rows[0].id as string) as Promise<Mandate>;
}

export async function findMandate(pool: Pool, id: string): Promise<Mandate | null> {
  if (!UUID.test(id)) return null;
  const { rows } = await pool.query(`SELECT ${MANDATE_COLUMNS} ${FROM} WHERE m.id = $1`, [id]);
  return rows[0] ? presentMandate(rows[0]) : null;
}

/** The mandates a citizen gave, newest first (their list, to see and revoke them). */
export async function mandatesGivenBy(pool: Pool, person: PersonRef): Promise<Mandate[]> {
  const { rows } = await pool.query(
    `SELECT ${MANDATE_COLUMNS} ${FROM} WHERE m.principal_type = $1 AND m.principal_id = $2 ORDER BY m.created_at DESC LIMIT 200`,
    [person.type, person.id],
  );
  return rows.map(presentMandate);
}

/** The principal revokes a mandate they gave: from this moment nobody acts on it. Anyone else: 404. */
export async function revokeMandate(pool: Pool, person: PersonRef, id: string, revokedBy: string): Promise<Mandate> {
  const found = await findMandate(pool, id);
  if (!found || found.principal.type !== person.type || found.principal.id !== person.id) throw notFound('mandate');
  const { rowCount } = await pool.query('UPDATE mandates SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL', [
    id,
    revokedBy,
  ]);
  if (!rowCount) throw new ApiError(409, 'already_revoked', 'The mandate has been revoked already.');
  return findMandate(pool, id) as Promise<Mandate>;
}
