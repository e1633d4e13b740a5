// Consultations given in any channel, authenticated (a known person) or anonymous. Idempotent by
// (agency, externalId); items validated one by one like cases (db/cases/register-cases.ts), written in one
// set-based statement with the audit rows of the known persons' consultations in the same transaction.
import type { Pool } from 'pg';
import { check, type ErrorDetail } from '../../forms/validation';
import type { ConsultationCreate, PostConsultationsBatchResponse } from '../../forms/types/api';
import { referenceData } from '../reference';
import { normalisePersonId } from '../domain/person-id';
import { audit } from '../audit';
import { inTransaction } from '../transaction';

/** One item's outcome, as POST /api/v1/consultations/batch reports it. */
export type ConsultationResult = PostConsultationsBatchResponse['results'][number];

const CLOCK_SKEW_MS = 5 * 60_000;

/** `auditAs`: who registers, as the audit log records it (a consultation with a known person is personal data). */
export async function registerConsultations(
  pool: Pool,
  agencyId: string,
  actorId: string,
  items: unknown[],
  auditAs: { actorType: string; requestId?: string } = { actorType: 'system' },
): Promise<ConsultationResult[]> {
  const ref = await referenceData(pool);
  const results: ConsultationResult[] = new Array(items.length);
  const ok: Array<{
    index: number;
    input: ConsultationCreate;
    personId: string | null;
    municipalityCode: string | null;
    occurredAt: Date;
  }> = [];
  const now = Date.now();
  items.forEach((raw, index) => {
    const externalId = (raw as { externalId?: unknown } | null)?.externalId;
    const failWith = (code: string, message: string, details: ErrorDetail[]) => {
      results[index] = {
        index,
        outcome: 'failed',
        ...(typeof externalId === 'string' ? { externalId } : {}),
        error: { code, message, details },
      };
    };
    const errors = check('consultation-create', raw);
    if (errors) return failWith('validation_failed', 'The consultation does not match the schema.', errors);
    const input = raw as ConsultationCreate;
    if (input.serviceId) {
      const service = ref.services.get(input.serviceId);
      if (!service)
        return failWith('unknown_service', `No service "${input.serviceId}".`, [
          { path: '/serviceId', code: 'unknown_service', message: 'unknown service' },
        ]);
    }
    let municipalityCode = input.municipalityCode ?? null;
    if (input.officeId) {
      const office = ref.offices.get(input.officeId);
      if (!office)
        return failWith('unknown_office', `No office "${input.officeId}".`, [
          { path: '/officeId', code: 'unknown_office', message: 'unknown office' },
        ]);
      municipalityCode ??= office.municipalityCode;
    }
    if (municipalityCode && !ref.municipalities.has(municipalityCode)) {
      return failWith('unknown_municipality', `No municipality ${municipalityCode}.`, [
        { path: '/municipalityCode', code: 'unknown_municipality', message: 'unknown ATVK code' },
      ]);
    }
    let personId: string | null = null;
    if (input.person) {
      personId = normalisePersonId(input.person);
      if (!personId)
        return failWith('invalid_person_id', 'The person identifier is not valid.', [
          { path: '/person/id', code: 'invalid_person_id', message: 'malformed identifier or wrong check digit' },
        ]);
    }
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date(now);
    if (occurredAt.getTime() > now + CLOCK_SKEW_MS)
      return failWith('timestamp_in_future', 'occurredAt is in the future.', [
        { path: '/occurredAt', code: 'timestamp_in_future', message: 'in the future' },
      ]);
    ok.push({ index, input, personId, municipalityCode, occurredAt });
  });
  if (ok.length === 0) return results;
  const col = <T>(fn: (r: (typeof ok)[number]) => T) => ok.map(fn);
  const inserted = await inTransaction(pool, async (client) => {
    const written = await client.query<{ id: number; external_id: string }>(
      `INSERT INTO consultations (agency_id, external_id, channel, office_id, municipality_code, service_id, topic, content,
         duration_minutes, person_type, person_id, occurred_at, created_by)
       SELECT $1, t.* , $13 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::int[], $10::text[], $11::text[], $12::timestamptz[]) AS t
       ON CONFLICT (agency_id, external_id) DO NOTHING
       RETURNING id, external_id`,
      [
        agencyId,
        col((r) => r.input.externalId),
        col((r) => r.input.channel),
        col((r) => r.input.officeId ?? null),
        col((r) => r.municipalityCode),
        col((r) => r.input.serviceId ?? null),
        col((r) => r.input.topic),
        col((r) => r.input.content ?? null),
        col((r) => r.input.durationMinutes),
        col((r) => r.input.person?.type ?? null),
        col((r) => r.personId),
        col((r) => r.occurredAt.toISOString()),
        actorId,
      ],
    );
    const firstOf = new Map<string, (typeof ok)[number]>();
    for (const r of ok) if (!firstOf.has(r.input.externalId)) firstOf.set(r.input.externalId, r);
    await audit(
      client,
      written.rows.flatMap((w) => {
        const r = firstOf.get(w.external_id);
        return r?.personId && r.input.person
          ? [
              {
                actor: { type: auditAs.actorType, id: actorId, agency: agencyId },
                subject: { type: r.input.person.type, id: r.personId },
                action: 'create' as const,
                resource: `consultation:${w.id}`,
                purpose: 'consultation-register',
                requestId: auditAs.requestId,
              },
            ]
          : [];
      }),
    );
    return written;
  });
  const created = new Map(inserted.rows.map((r) => [r.external_id, r.id]));
  const missing = ok.filter((r) => !created.has(r.input.externalId)).map((r) => r.input.externalId);
  const existing = new Map<string, number>();
  if (missing.length > 0) {
    const found = await pool.query<{ id: number; external_id: string }>(
      'SELECT id, external_id FROM consultations WHERE agency_id = $1 AND external_id = ANY($2::text[])',
      [agencyId, missing],
    );
    for (const r of found.rows) existing.set(r.external_id, r.id);
  }
  const seen = new Set<string>();
  for (const r of ok) {
    const id = created.get(r.input.externalId);
    // Within one batch the first item with an external id creates; repeats of it are "existing".
    if (id !== undefined && !seen.has(r.input.externalId)) {
      seen.add(r.input.externalId);
      results[r.index] = { index: r.index, outcome: 'created', id, externalId: r.input.externalId };
    } else {
      results[r.index] = {
        index: r.index,
        outcome: 'existing',
        id: (id ?? existing.get(r.input.externalId)) as number,
        externalId: r.input.externalId,
      };
    }
  }
  return results;
}
