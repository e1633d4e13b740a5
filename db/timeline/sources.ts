// Where each timeline event comes from: per source table, the SELECT that turns its rows into events (over the trigger's
// transition table, NEW, or the whole table for the backfill) and when an update adds an event. Migration 0028 builds
// its triggers and backfill from this list; a change to it is a new migration that replaces those functions.
import { CHANNEL_NAMES, STATUS_NAMES } from '../domain/case-status';

export const TIMELINE_KINDS = [
  'case',
  'case-status',
  'application',
  'notification',
  'message',
  'invoice',
  'payment',
  'consultation',
  'delegation',
  'co-browsing',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Migrations 0028 and 0030 built their functions for the unpartitioned register; 0031 rebuilds them for case_keys. */
export type RegisterShape = 'partitioned' | 'unpartitioned';

export interface TimelineSource {
  name: string;
  table: string;
  select(rows: string, shape?: RegisterShape): string;
  /** The row trigger's condition on OLD and NEW: an update that makes a new event. */
  updateWhen?: string;
}

const COLUMNS = 'person_type, person_id, occurred_at, kind, role, agency_id, title_lv, title_en, case_id, reference, source, source_id';

// A title the source left empty (a NULL in its concatenation) falls back to the kind: a history line must never
// refuse the source row's own write. `newSourceRows`: the rows are a statement's newly inserted rows of a source whose
// source_id derives from its never-reused primary key, so (source, source_id) cannot exist yet and the insert skips
// ON CONFLICT's speculative insertion (measured ~3 µs a history row, issue 19); an update trigger or a backfill can
// meet an existing row and keeps it.
export const insertEvents = (select: string, { newSourceRows = false } = {}) =>
  `INSERT INTO timeline_events (${COLUMNS})
   SELECT e.person_type, e.person_id, e.occurred_at, e.kind, e.role, e.agency_id, COALESCE(e.title_lv, e.kind),
          COALESCE(e.title_en, e.kind), e.case_id, e.reference, e.source, e.source_id
     FROM (${select}) AS e(${COLUMNS})${newSourceRows ? '' : '\n   ON CONFLICT (source, source_id) DO NOTHING'}`;

/** A join of the case a row names: through case_keys once partitioned, so only the case's partition is probed. */
const joinCase = (shape: RegisterShape, join: 'JOIN' | 'LEFT JOIN', caseId: string) =>
  shape === 'unpartitioned'
    ? `${join} cases c ON c.id = ${caseId}`
    : `${join} (case_keys ck JOIN cases c ON c.id = ck.id AND c.registered_at = ck.registered_at) ON ck.id = ${caseId}`;

const PERSON = (type: string) => `${type} IN ('natural','eidas')`;
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const nameCase = (
  column: string,
  names: Record<string, { lv: string; en: string }>,
  lang: 'lv' | 'en',
  unknown: { lv: string; en: string } = { lv: '', en: '' },
) =>
  `CASE ${column} ${Object.entries(names)
    .map(([k, v]) => `WHEN ${quote(k)} THEN ${quote(v[lang])}`)
    .join(' ')} ELSE COALESCE(${column}::text, ${quote(unknown[lang])}) END`;
const STAFF = { lv: 'darbinieks', en: 'a staff member' };
const ROLE_NAMES = {
  'kac-staff': { lv: 'klientu apkalpošanas centra konsultants', en: 'customer centre adviser' },
  'support-specialist': { lv: 'atbalsta speciālists', en: 'support specialist' },
  'agency-officer': { lv: 'iestādes darbinieks', en: 'agency officer' },
};
/** An amount as Latvian writes it: a decimal comma. */
const lvAmount = (column: string) => `replace(${column}::text, '.', ',')`;
const AS_REPRESENTATIVE = { lv: ' (kā pārstāvim)', en: ' (as representative)' };

/**
 * The recipient's row and, when a natural person represents them, the representative's own row: one row of the case
 * fans out into its sides (a lateral VALUES over `c`), so the case is looked up once for both, not once per side.
 * Columns: side.person_type, side.person_id, side.role, side.lv / side.en (the title's suffix), side.suffix (of the
 * source_id); the WHERE condition keeps only the sides that are a person's.
 */
const sidesOf = (c = 'c') => ({
  join: `CROSS JOIN LATERAL (VALUES ('self', ${c}.recipient_type, ${c}.recipient_id, '', '', ''),
      ('representative', ${c}.representative_type, ${c}.representative_id, ${quote(AS_REPRESENTATIVE.lv)}, ${quote(AS_REPRESENTATIVE.en)}, ':representative'))
      AS side(role, person_type, person_id, lv, en, suffix)`,
  where: `${PERSON('side.person_type')} AND (side.role = 'self' OR ${c}.representative_id IS DISTINCT FROM ${c}.recipient_id)`,
});

const cases: TimelineSource = {
  name: 'cases',
  table: 'cases',
  // A platform e-service's case (opened as a draft, then its application row) is in the history from its submission
  // (the applications source), never as a draft; a case an agency registers from its own e-service is here.
  select: (rows) => `SELECT side.person_type, side.person_id, c.registered_at, 'case', side.role, c.agency_id,
      'Reģistrēta lieta: ' || s.title_lv || ' (' || ${nameCase('c.channel', CHANNEL_NAMES, 'lv')} || ')' || side.lv,
      'Case registered: ' || s.title_en || ' (' || ${nameCase('c.channel', CHANNEL_NAMES, 'en')} || ')' || side.en,
      c.id, c.id, 'cases', c.id || side.suffix
      FROM ${rows} c JOIN services s ON s.id = c.service_id ${sidesOf().join}
     WHERE NOT (c.channel = 'eservice' AND (c.status = 'draft' OR EXISTS (SELECT 1 FROM applications a WHERE a.case_id = c.id)))
       AND ${sidesOf().where}`,
};

const statusEvents: TimelineSource = {
  name: 'case_status_events',
  table: 'case_status_events',
  // Drafts are not dealings yet: no draft status, nothing of an application never submitted (a discarded draft).
  // Each event's case is probed by its id (OFFSET 0 keeps the subquery a per-row lookup): a join let the planner hash
  // every case of the register once per statement, and the transition table has no statistics to stop it. Only an
  // e-service case can have an application (the platform opens its applications so), so only those probe for one.
  // Once partitioned, the event carries its case's quarter, so the probe reaches only that partition.
  select: (rows, shape = 'partitioned') => {
    const samePeriod = shape === 'partitioned' ? ' AND cases.registered_at = e.case_registered_at' : '';
    return `SELECT side.person_type, side.person_id, e.at, 'case-status', side.role, c.agency_id,
      s.title_lv || ': ' || COALESCE(e.label, ${nameCase('e.status', STATUS_NAMES, 'lv')}) || side.lv,
      s.title_en || ': ' || COALESCE(e.label_en, ${nameCase('e.status', STATUS_NAMES, 'en')}) || side.en,
      c.id, c.id, 'case_status_events', e.id::text || side.suffix
      FROM ${rows} e CROSS JOIN LATERAL (SELECT * FROM cases WHERE cases.id = e.case_id${samePeriod} OFFSET 0) c
      JOIN services s ON s.id = c.service_id ${sidesOf().join}
     WHERE e.status <> 'draft' AND ${sidesOf().where}
       AND NOT (c.channel = 'eservice' AND EXISTS (SELECT 1 FROM applications a WHERE a.case_id = c.id AND a.submitted_at IS NULL))`;
  },
};

const applications: TimelineSource = {
  name: 'applications',
  table: 'applications',
  updateWhen: 'OLD.submitted_at IS NULL AND NEW.submitted_at IS NOT NULL',
  select: (rows, shape = 'partitioned') => `SELECT side.person_type, side.person_id, a.submitted_at, 'application', side.role, a.agency_id,
      'Iesniegts e-pakalpojuma pieteikums: ' || s.title_lv || side.lv, 'E-service application submitted: ' || s.title_en || side.en,
      c.id, c.id, 'applications', c.id || side.suffix
      FROM ${rows} a ${joinCase(shape, 'JOIN', 'a.case_id')} JOIN services s ON s.id = c.service_id ${sidesOf().join}
     WHERE a.submitted_at IS NOT NULL AND ${sidesOf().where}`,
};

const notifications: TimelineSource = {
  name: 'notifications',
  table: 'notifications',
  select: (rows, shape = 'partitioned') => `SELECT n.recipient_type, n.recipient_id, n.created_at, 'notification', 'self', c.agency_id,
      n.subject_lv, n.subject_en, n.case_id, n.id, 'notifications', n.id
      FROM ${rows} n ${joinCase(shape, 'LEFT JOIN', 'n.case_id')} WHERE ${PERSON('n.recipient_type')}`,
};

const eAddress: TimelineSource = {
  name: 'e_address_deliveries',
  table: 'e_address_deliveries',
  select: (rows, shape = 'partitioned') => `SELECT c.recipient_type, c.recipient_id, d.delivered_at, 'message', 'self', c.agency_id,
      'Ziņa nosūtīta uz e-adresi: ' || s.title_lv, 'Message sent to your e-address: ' || s.title_en,
      c.id, d.message_id, 'e_address_deliveries', d.idempotency_key
      FROM ${rows} d ${joinCase(shape, 'JOIN', 'd.case_id')} JOIN services s ON s.id = c.service_id
     WHERE d.message_id IS NOT NULL AND ${PERSON('c.recipient_type')}`,
};

const invoices: TimelineSource = {
  name: 'invoices',
  table: 'invoices',
  updateWhen: "OLD.status <> 'cancelled' AND NEW.status = 'cancelled'",
  select: (rows) => `SELECT i.payer_type, i.payer_id, i.created_at, 'invoice', 'self', i.agency_id,
      'Izrakstīts rēķins ' || i.number || ' par ' || ${lvAmount('i.total')} || ' EUR', 'Invoice ' || i.number || ' issued for EUR ' || i.total,
      i.case_id, i.payment_reference, 'invoices', i.id::text
      FROM ${rows} i WHERE ${PERSON('i.payer_type')}
    UNION ALL
    SELECT i.payer_type, i.payer_id, COALESCE(i.cancelled_at, now()), 'invoice', 'self', i.agency_id,
      'Rēķins ' || i.number || ' atcelts', 'Invoice ' || i.number || ' cancelled',
      i.case_id, i.payment_reference, 'invoices', i.id::text || ':cancelled'
      FROM ${rows} i WHERE i.status = 'cancelled' AND ${PERSON('i.payer_type')}`,
};

const payments: TimelineSource = {
  name: 'payments',
  table: 'payments',
  updateWhen: 'OLD.invoice_id IS NULL AND NEW.invoice_id IS NOT NULL',
  select: (rows) => `SELECT i.payer_type, i.payer_id, p.booked_at, 'payment', 'self', i.agency_id,
      'Saņemts maksājums ' || ${lvAmount('p.amount')} || ' EUR par rēķinu ' || i.number, 'Payment of EUR ' || p.amount || ' received for invoice ' || i.number,
      i.case_id, i.payment_reference, 'payments', p.id::text
      FROM ${rows} p JOIN invoices i ON i.id = p.invoice_id WHERE ${PERSON('i.payer_type')}`,
};

const consultations: TimelineSource = {
  name: 'consultations',
  table: 'consultations',
  select: (rows) => `SELECT k.person_type, k.person_id, k.occurred_at, 'consultation', 'self', k.agency_id,
      'Konsultācija (' || ${nameCase('k.channel', CHANNEL_NAMES, 'lv')} || '): ' || k.topic,
      'Consultation (' || ${nameCase('k.channel', CHANNEL_NAMES, 'en')} || '): ' || k.topic,
      NULL, k.external_id, 'consultations', k.id::text
      FROM ${rows} k WHERE ${PERSON('k.person_type')}`,
};

/** A delegation or a written mandate: given, in the principal's history; received, in the representative's. */
function representationSource(table: 'delegations' | 'mandates', what: { lv: string; en: string }): TimelineSource {
  const agency = table === 'mandates' ? '(SELECT o.agency_id FROM offices o WHERE o.id = d.recorded_office)' : 'NULL';
  // A written mandate names its principal by personal code only.
  const principalName = table === 'mandates' ? 'd.principal_id' : 'COALESCE(d.principal_name, d.principal_id)';
  const sides = (rows: string, at: string, suffix: string, lv: [string, string], en: [string, string], where = 'true') => `
    SELECT d.principal_type, d.principal_id, ${at}, 'delegation', 'principal', ${agency},
      ${quote(lv[0])} || COALESCE(d.representative_name, d.representative_id), ${quote(en[0])} || COALESCE(d.representative_name, d.representative_id),
      NULL, d.id::text, '${table}', d.id::text || ':given${suffix}'
      FROM ${rows} d WHERE ${where} AND ${PERSON('d.principal_type')}
    UNION ALL
    SELECT d.representative_type, d.representative_id, ${at}, 'delegation', 'delegate', ${agency},
      ${quote(lv[1])} || ${principalName}, ${quote(en[1])} || ${principalName},
      NULL, d.id::text, '${table}', d.id::text || ':received${suffix}'
      FROM ${rows} d WHERE ${where} AND ${PERSON('d.representative_type')}`;
  return {
    name: table,
    table,
    updateWhen: 'OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL',
    select: (rows) =>
      `${sides(rows, 'd.created_at', '', [`${what.lv} dots: `, `${what.lv} saņemts no: `], [`${what.en} given to `, `${what.en} received from `])}
       UNION ALL
       ${sides(rows, 'd.revoked_at', ':revoked', [`${what.lv} atsaukts: `, `${what.lv} atsaukts: `], [`${what.en} revoked: `, `${what.en} revoked: `], 'd.revoked_at IS NOT NULL')}`,
  };
}

const coBrowsing: TimelineSource = {
  name: 'assist_grants',
  table: 'assist_grants',
  updateWhen: 'OLD.used_at IS NULL AND NEW.used_at IS NOT NULL',
  // Who joined: their role and office, never their name.
  select: (rows, shape = 'partitioned') => `SELECT g.person_type, g.person_id, g.created_at, 'co-browsing', 'self', c.agency_id,
      'Jūs devāt koplietošanas kodu (' || CASE g.mode WHEN 'view' THEN 'skatīt' ELSE 'palīdzēt' END || ')',
      'You gave a co-browsing code (' || CASE g.mode WHEN 'view' THEN 'view' ELSE 'assist' END || ')',
      g.case_id, g.id::text, 'assist_grants', g.id::text
      FROM ${rows} g ${joinCase(shape, 'LEFT JOIN', 'g.case_id')} WHERE ${PERSON('g.person_type')}
    UNION ALL
    SELECT g.person_type, g.person_id, g.used_at, 'co-browsing', 'self', COALESCE(c.agency_id, o.agency_id),
      'Koplietošanas sesijai pievienojās ' || ${nameCase('g.used_by_role', ROLE_NAMES, 'lv', STAFF)} || COALESCE(' (' || o.name_lv || ')', ''),
      'Joined your co-browsing session: ' || ${nameCase('g.used_by_role', ROLE_NAMES, 'en', STAFF)} || COALESCE(' (' || o.name_en || ')', ''),
      g.case_id, g.id::text, 'assist_grants', g.id::text || ':joined'
      FROM ${rows} g ${joinCase(shape, 'LEFT JOIN', 'g.case_id')} LEFT JOIN offices o ON o.id = g.used_by_office
     WHERE g.used_at IS NOT NULL AND ${PERSON('g.person_type')}`,
};

export const TIMELINE_SOURCES: TimelineSource[] = [
  cases,
  statusEvents,
  applications,
  notifications,
  eAddress,
  invoices,
  payments,
  consultations,
  representationSource('delegations', { lv: 'Pilnvarojums', en: 'Delegation' }),
  representationSource('mandates', { lv: 'Rakstisks pilnvarojums', en: 'Written mandate' }),
  coBrowsing,
];
