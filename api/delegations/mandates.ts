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
import {
  findMandateRow,
  insertMandate,
  insertMandateDocument,
  mandateRowsGivenBy,
  markMandateRevoked,
  type MandateRow,
} from '../../db/delegations/mandates';
import { databaseToday, publishedEserviceIds } from '../../db/delegations/checks';
import type { Mandate } from '../../forms/types/api';
import type { Validated } from '../../forms/types/validated';

export type MandateInput = Validated<'mandate-create'>;
export type { Mandate };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function presentMandate(r: MandateRow): Mandate {
  return {
    id: r.id,
    principal: { type: r.principal_type, id: r.principal_id },
    representative: { type: r.representative_type, id: r.representative_id, name: r.representative_name },
    document: {
      id: r.document_id,
      fileName: r.file_name,
      contentType: r.content_type,
      byteSize: r.byte_size,
      reference: r.document_reference ?? null,
    },
    scope: r.scope === 'all' ? ('all' as const) : [...r.eservice_ids],
    validFrom: r.valid_from,
    validUntil: r.valid_until ?? null,
    status: r.status,
    recordedBy: r.recorded_by,
    recordedOffice: r.recorded_office ?? null,
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
  };
}

/** Stores the scanned mandate a staff member uploads, before the mandate is recorded. */
export async function storeMandateDocument(pool: Pool, staff: Principal, file: UploadedFile) {
  const id = crypto.randomUUID();
  await insertMandateDocument(pool, {
    id,
    uploadedBy: staff.sub,
    officeId: staff.office ?? null,
    fileName: file.name,
    contentType: file.type,
    content: file.content,
    sha256: file.sha256,
  });
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
  const today = await databaseToday(pool);
  if (input.validUntil !== undefined && input.validUntil < input.validFrom)
    details.push({ path: '/validUntil', code: 'before_valid_from', message: 'must not be before validFrom' });
  else if (input.validUntil !== undefined && input.validUntil < today)
    details.push({ path: '/validUntil', code: 'expired', message: 'the mandate has expired' });
  else if (
    input.validUntil !== undefined &&
    Number(input.validUntil.slice(0, 4)) - Number(input.validFrom.slice(0, 4)) > MAX_DELEGATION_YEARS
  ) {
    details.push({ path: '/validUntil', code: 'too_long', message: `at most ${MAX_DELEGATION_YEARS} years after validFrom` });
  }
  const listed = input.scope === 'all' ? [] : input.scope;
  if (listed.length) {
    const known = await publishedEserviceIds(pool, listed);
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
  const id = await insertMandate(pool, {
    id: crypto.randomUUID(),
    principal: { type: input.principal.type, id: principalId as string },
    representativeId: representativeId as string,
    representativeName: input.representative.name.trim(),
    documentId: input.documentId,
    documentReference: input.documentReference?.trim() || null,
    eserviceIds: listed,
    validFrom: input.validFrom,
    validUntil: input.validUntil ?? null,
    recordedBy: staff.sub,
    recordedOffice: staff.office ?? null,
  });
  if (!id) {
    throw unprocessable(
      'unknown_document',
      'Upload the mandate document first (POST /api/v1/mandate-documents); each document records one mandate.',
      [{ path: '/documentId', code: 'unknown_document', message: 'not a mandate document you uploaded, or used already' }],
    );
  }
  return findMandate(pool, id) as Promise<Mandate>;
}

export async function findMandate(pool: Pool, id: string): Promise<Mandate | null> {
  if (!UUID.test(id)) return null;
  const row = await findMandateRow(pool, id);
  return row ? presentMandate(row) : null;
}

/** The mandates a citizen gave, newest first (their list, to see and revoke them). */
export async function mandatesGivenBy(pool: Pool, person: PersonRef): Promise<Mandate[]> {
  return (await mandateRowsGivenBy(pool, person)).map(presentMandate);
}

/** The principal revokes a mandate they gave: from this moment nobody acts on it. Anyone else: 404. */
export async function revokeMandate(pool: Pool, person: PersonRef, id: string, revokedBy: string): Promise<Mandate> {
  const found = await findMandate(pool, id);
  if (!found || found.principal.type !== person.type || found.principal.id !== person.id) throw notFound('mandate');
  if (!(await markMandateRevoked(pool, id, revokedBy))) throw new ApiError(409, 'already_revoked', 'The mandate has been revoked already.');
  return findMandate(pool, id) as Promise<Mandate>;
}
