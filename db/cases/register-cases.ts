// Registering service-delivery cases from agency systems, one or many at a time. Idempotent by
// (agency, externalId): a resent item returns the id it got the first time and changes nothing. Items are
// validated one by one: invalid items are reported, valid items are kept. The write is one set-based statement.
import type { Pool, PoolClient } from 'pg';
import { check, type ErrorDetail } from '../../forms/validation';
import type { CaseBatchResult, CaseCreate } from '../../forms/types/api';
import { referenceData, type ReferenceData } from '../reference';
import { normalisePersonId } from '../domain/person-id';
import { firstInvalidStep, INITIAL_STATUSES, type CaseStatus } from '../domain/case-status';
import { isValidCaseId } from '../domain/case-id';
import { nextCaseIds } from './reserve-case-ids';
import { ensurePartitionsFor } from './partitions';
import { publishStatusEvents } from './status-events';
import { audit, type AuditEntry } from '../audit';
import { inTransaction } from '../transaction';

/** One case as an agency sends it (checked against its schema before it is read as one). */
export type CaseInput = CaseCreate;

export interface Registrar {
  agencyId: string;
  actorType: string;
  actorId: string;
  /** Audited with every case written: why (default 'case-registration') and the request (or import) it came from. */
  purpose?: string;
  requestId?: string;
}

/** One item's outcome, as POST /api/v1/cases/batch reports it. */
export type ItemResult = CaseBatchResult['results'][number];

interface PreparedCase {
  index: number;
  input: CaseInput;
  id: string | null; // reserved id, or null until one is allocated
  recipientId: string;
  representativeId: string | null;
  municipalityCode: string | null;
  history: Array<{ status: CaseStatus; at: Date; label: string | null }>;
  registeredAt: Date;
}

const CLOCK_SKEW_MS = 5 * 60_000; // agency clocks may run a little ahead of ours

function fail(index: number, externalId: unknown, code: string, message: string, details: ErrorDetail[] = []): ItemResult {
  const result: ItemResult = { index, outcome: 'failed', error: { code, message, details } };
  if (typeof externalId === 'string') result.externalId = externalId;
  return result;
}

function prepare(index: number, raw: unknown, agencyId: string, ref: ReferenceData, now: number): PreparedCase | ItemResult {
  const schemaErrors = check('case-create', raw);
  const externalId = (raw as { externalId?: unknown } | null)?.externalId;
  if (schemaErrors) return fail(index, externalId, 'validation_failed', 'The case does not match the schema.', schemaErrors);
  const input = raw as CaseInput;

  const service = ref.services.get(input.serviceId);
  if (!service || service.agencyId !== agencyId) {
    return fail(index, externalId, 'unknown_service', `Your agency has no service "${input.serviceId}".`, [
      { path: '/serviceId', code: 'unknown_service', message: 'not a service of your agency' },
    ]);
  }
  if (!service.channels.includes(input.channel)) {
    return fail(index, externalId, 'channel_not_offered', `The service is not delivered through the channel "${input.channel}".`, [
      { path: '/channel', code: 'channel_not_offered', message: `offered: ${service.channels.join(', ')}` },
    ]);
  }
  let municipalityCode = input.municipalityCode ?? null;
  if (input.officeId) {
    const office = ref.offices.get(input.officeId);
    if (!office)
      return fail(index, externalId, 'unknown_office', `No office "${input.officeId}".`, [
        { path: '/officeId', code: 'unknown_office', message: 'unknown office' },
      ]);
    municipalityCode ??= office.municipalityCode;
  }
  if (municipalityCode && !ref.municipalities.has(municipalityCode)) {
    return fail(index, externalId, 'unknown_municipality', `No municipality with ATVK code ${municipalityCode}.`, [
      { path: '/municipalityCode', code: 'unknown_municipality', message: 'unknown ATVK code' },
    ]);
  }
  const recipientId = normalisePersonId(input.recipient);
  if (!recipientId) {
    return fail(index, externalId, 'invalid_person_id', `The recipient's ${input.recipient.type} identifier is not valid.`, [
      { path: '/recipient/id', code: 'invalid_person_id', message: 'malformed identifier or wrong check digit' },
    ]);
  }
  let representativeId: string | null = null;
  if (input.representative) {
    representativeId = normalisePersonId(input.representative);
    if (!representativeId) {
      return fail(index, externalId, 'invalid_person_id', `The representative's ${input.representative.type} identifier is not valid.`, [
        { path: '/representative/id', code: 'invalid_person_id', message: 'malformed identifier or wrong check digit' },
      ]);
    }
  }
  if (input.caseId && !isValidCaseId(input.caseId)) {
    return fail(index, externalId, 'invalid_check_digits', 'The case id has wrong check digits: it is mistyped.', [
      { path: '/caseId', code: 'invalid_check_digits', message: 'ISO 7064 MOD 97-10 check failed' },
    ]);
  }

  const registeredAt = input.registeredAt ? new Date(input.registeredAt) : new Date(now);
  let history: PreparedCase['history'];
  if (input.statusHistory) {
    history = input.statusHistory.map((h) => ({ status: h.status, at: new Date(h.at), label: h.label ?? null }));
    const last = history[history.length - 1];
    if (input.status && input.status !== last.status) {
      return fail(index, externalId, 'status_mismatch', 'status must equal the last entry of statusHistory.', [
        { path: '/status', code: 'status_mismatch', message: `last history entry is ${last.status}` },
      ]);
    }
  } else {
    // Without a history, a case that starts later than "submitted" is taken to have been submitted first.
    const status = input.status ?? 'submitted';
    history = INITIAL_STATUSES.has(status)
      ? [{ status, at: registeredAt, label: input.statusLabel ?? null }]
      : [
          { status: 'submitted', at: registeredAt, label: null },
          { status, at: registeredAt, label: input.statusLabel ?? null },
        ];
  }
  const bad = firstInvalidStep(history.map((h) => h.status));
  if (bad >= 0) {
    const msg =
      bad === 0
        ? `A case cannot start in status "${history[0].status}".`
        : `"${history[bad - 1].status}" cannot be followed by "${history[bad].status}".`;
    return fail(index, externalId, 'invalid_transition', msg, [
      { path: input.statusHistory ? `/statusHistory/${bad}` : '/status', code: 'invalid_transition', message: msg },
    ]);
  }
  for (let i = 0; i < history.length; i += 1) {
    if (history[i].at.getTime() > now + CLOCK_SKEW_MS) {
      return fail(index, externalId, 'timestamp_in_future', 'A status time is in the future.', [
        { path: input.statusHistory ? `/statusHistory/${i}/at` : '/registeredAt', code: 'timestamp_in_future', message: 'in the future' },
      ]);
    }
    if (i > 0 && history[i].at < history[i - 1].at) {
      return fail(index, externalId, 'history_out_of_order', 'Status history must be in time order.', [
        { path: `/statusHistory/${i}/at`, code: 'history_out_of_order', message: 'earlier than the entry before it' },
      ]);
    }
  }
  if (registeredAt.getTime() > now + CLOCK_SKEW_MS) {
    return fail(index, externalId, 'timestamp_in_future', 'registeredAt is in the future.', [
      { path: '/registeredAt', code: 'timestamp_in_future', message: 'in the future' },
    ]);
  }
  return {
    index,
    input,
    id: input.caseId ?? null,
    recipientId,
    representativeId,
    municipalityCode,
    history,
    registeredAt: input.registeredAt ? registeredAt : history[0].at,
  };
}

/**
 * `pool` gives the cached reference data; writes go through `opts.client` when the caller holds a transaction
 * (the bulk import commits a chunk's cases, its errors and its progress together).
 */
export async function registerCases(
  pool: Pool,
  registrar: Registrar,
  items: unknown[],
  opts: { client?: PoolClient } = {},
): Promise<ItemResult[]> {
  const ref = await referenceData(pool);
  const db = opts.client ?? pool;
  const now = Date.now();
  const results: ItemResult[] = new Array(items.length);
  const prepared: PreparedCase[] = [];
  for (let i = 0; i < items.length; i += 1) {
    const p = prepare(i, items[i], registrar.agencyId, ref, now);
    if ('outcome' in p) results[i] = p;
    else prepared.push(p);
  }
  if (prepared.length === 0) return results;

  // Reserved ids must have been reserved by this agency.
  const reserved = prepared.filter((p) => p.id !== null);
  if (reserved.length > 0) {
    const found = await db.query<{ case_id: string }>(
      'SELECT case_id FROM case_id_reservations WHERE agency_id = $1 AND case_id = ANY($2::text[])',
      [registrar.agencyId, reserved.map((p) => p.id)],
    );
    const ok = new Set(found.rows.map((r) => r.case_id));
    for (const p of reserved) {
      if (!ok.has(p.id as string)) {
        results[p.index] = fail(p.index, p.input.externalId, 'case_id_not_reserved', 'This case id was not reserved by your agency.', [
          { path: '/caseId', code: 'case_id_not_reserved', message: 'reserve ids with POST /api/v1/case-ids' },
        ]);
      }
    }
  }
  const toWrite = prepared.filter((p) => results[p.index] === undefined);
  const needIds = toWrite.filter((p) => p.id === null);
  if (needIds.length > 0) {
    const ids = await nextCaseIds(db, needIds.length);
    needIds.forEach((p, i) => {
      p.id = ids[i];
    });
  }

  // A reserved id given to several items of one batch is written once, for the first of them; the others are told
  // apart below (the same externalId again, or the id already used).
  const ids = new Set<string>();
  const unique = toWrite.filter((p) => !ids.has(p.id as string) && ids.add(p.id as string));
  // The cases and their audit rows commit together; the audit is one set-based insert for the whole batch, last,
  // so the audit chain's lock is held only for it and the commit.
  const writeAudited = async (client: PoolClient) => {
    const written = await insertCases(client, registrar, unique);
    await audit(
      client,
      unique.filter((p) => written.has(p.id as string)).map((p) => registrationAudit(registrar, p)),
    );
    return written;
  };
  // On the pool, before the caller's transaction writes: a new quarter's DDL must not hold locks until it commits.
  await ensurePartitionsFor(
    pool,
    unique.map((p) => p.registeredAt),
  );
  const inserted = opts.client ? await writeAudited(opts.client) : await inTransaction(pool, writeAudited);
  const created = new Set(unique.filter((p) => inserted.has(p.id as string)));
  const missing = toWrite.filter((p) => !created.has(p));
  let existing = new Map<string, string>();
  if (missing.length > 0) {
    const found = await db.query<{ id: string; external_id: string }>(
      'SELECT id, external_id FROM case_keys WHERE agency_id = $1 AND external_id = ANY($2::text[])',
      [registrar.agencyId, missing.map((p) => p.input.externalId)],
    );
    existing = new Map(found.rows.map((r) => [r.external_id, r.id]));
  }
  for (const p of toWrite) {
    if (created.has(p)) {
      results[p.index] = { index: p.index, outcome: 'created', id: p.id as string, externalId: p.input.externalId };
    } else {
      const id = existing.get(p.input.externalId);
      results[p.index] = id
        ? { index: p.index, outcome: 'existing', id, externalId: p.input.externalId }
        : fail(p.index, p.input.externalId, 'case_id_already_used', 'The reserved case id is already used by another case.', [
            { path: '/caseId', code: 'case_id_already_used', message: 'already used' },
          ]);
    }
  }
  return results;
}

function registrationAudit(registrar: Registrar, p: PreparedCase): AuditEntry {
  const rep = p.input.representative;
  return {
    actor: { type: registrar.actorType, id: registrar.actorId, agency: registrar.agencyId },
    subject: { type: p.input.recipient.type, id: p.recipientId },
    action: 'create',
    resource: `case:${p.id as string}`,
    purpose: registrar.purpose ?? 'case-registration',
    requestId: registrar.requestId,
    details: rep ? { representative: { type: rep.type, id: p.representativeId, basis: rep.basis } } : undefined,
  };
}

// One JSON parameter per table: serialising it is one native call, where an array parameter per column cost the driver
// an escape per value (31 arrays for a batch). Keys are the columns' names; absent keys read as NULL.
function caseRecord(p: PreparedCase) {
  const last = p.history[p.history.length - 1];
  const { input } = p;
  return {
    id: p.id,
    service_id: input.serviceId,
    external_id: input.externalId,
    channel: input.channel,
    office_id: input.officeId,
    municipality_code: p.municipalityCode,
    recipient_type: input.recipient.type,
    recipient_id: p.recipientId,
    recipient_name: input.recipient.name,
    representative_type: input.representative?.type,
    representative_id: p.representativeId,
    representative_name: input.representative?.name,
    representative_basis: input.representative?.basis,
    status: last.status,
    status_label: last.label,
    status_at: last.at,
    registered_at: p.registeredAt,
    price_eur: input.priceEur,
    staff_minutes: input.resources?.staffMinutes,
    waiting_minutes: input.resources?.waitingMinutes,
    call_minutes: input.resources?.callMinutes,
    satisfaction: input.satisfaction,
    complaint: input.complaint ?? false,
    agency_url: input.url,
  };
}

async function insertCases(pool: Pool | PoolClient, registrar: Registrar, rows: PreparedCase[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const events: Array<{ case_id: string; status: string; label: string | null; at: Date }> = [];
  for (const p of rows) {
    for (const h of p.history) events.push({ case_id: p.id as string, status: h.status, label: h.label, at: h.at });
  }
  // ON CONFLICT DO NOTHING without a target on case_keys (its id and its agency's external id are unique over every
  // quarter): a resent (agency, externalId) and a reserved id used twice are both skipped here and told apart
  // afterwards, so one bad item never fails the whole batch. Only the keys written get their case and events.
  const result = await pool.query<{ id: string; ev_from: number | null; ev_to: number | null }>(
    `WITH t AS MATERIALIZED (
       SELECT * FROM jsonb_to_recordset($4::jsonb)
         AS t(id text, service_id text, external_id text, channel text, office_id text, municipality_code text,
           recipient_type text, recipient_id text, recipient_name text, representative_type text, representative_id text,
           representative_name text, representative_basis text, status text, status_label text, status_at timestamptz,
           registered_at timestamptz, price_eur numeric, staff_minutes int, waiting_minutes int, call_minutes int,
           satisfaction smallint, complaint boolean, agency_url text)
     ), keys AS (
       INSERT INTO case_keys (id, agency_id, external_id, registered_at)
       SELECT t.id, $1, t.external_id, t.registered_at FROM t
       ON CONFLICT DO NOTHING
       RETURNING id
     ), ins AS (
       INSERT INTO cases (id, agency_id, service_id, external_id, channel, office_id, municipality_code,
         recipient_type, recipient_id, recipient_name, representative_type, representative_id, representative_name,
         representative_basis, status, status_label, status_at, registered_at, price_eur, staff_minutes,
         waiting_minutes, call_minutes, satisfaction, complaint, created_by, agency_url)
       SELECT t.id, $1, t.service_id, t.external_id, t.channel, t.office_id, t.municipality_code, t.recipient_type,
         t.recipient_id, t.recipient_name, t.representative_type, t.representative_id, t.representative_name,
         t.representative_basis, t.status, t.status_label, t.status_at, t.registered_at, t.price_eur, t.staff_minutes,
         t.waiting_minutes, t.call_minutes, t.satisfaction, t.complaint, $2, t.agency_url
       FROM t JOIN keys ON keys.id = t.id
       RETURNING id, registered_at
     ), ev AS (
       INSERT INTO case_status_events (case_id, status, label, at, actor_type, actor_id, case_registered_at)
       SELECT e.case_id, e.status, e.label, e.at, $3, $2, ins.registered_at
       FROM ROWS FROM (jsonb_to_recordset($5::jsonb) AS (case_id text, status text, label text, at timestamptz))
         WITH ORDINALITY AS e(case_id, status, label, at, n)
       JOIN ins ON ins.id = e.case_id
       ORDER BY e.n
       RETURNING id
     ), span AS (SELECT min(id) AS ev_from, max(id) AS ev_to FROM ev)
     SELECT ins.id, span.ev_from, span.ev_to FROM ins, span`,
    [registrar.agencyId, registrar.actorId, registrar.actorType, JSON.stringify(rows.map(caseRecord)), JSON.stringify(events)],
  );
  const first = result.rows[0];
  if (first?.ev_from != null && first.ev_to != null) await publishStatusEvents(pool, first.ev_from, first.ev_to);
  return new Set(result.rows.map((r) => r.id));
}
