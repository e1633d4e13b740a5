// Time partitioning of the case register (issue 19): `cases` and `case_status_events` become partitioned by
// registration time, one partition per quarter (`cases_2026q4`, `case_status_events_2026q4`; a case's events live in
// its case's quarter, so one detach archives a case with its history).
// A unique constraint of a partitioned table must include the partition key, so "one case id, one case" and "one
// external id per agency" move to `case_keys`, a narrow unpartitioned directory of every case ever registered: it
// also says where a case lives (registered_at), so a lookup by id is one probe of case_keys and one of one partition.
// Every foreign key that named cases(id) now names case_keys(id). No DEFAULT partition: it would forbid
// DETACH … CONCURRENTLY. Partitions are made by `ensure_case_register_quarter` (SECURITY DEFINER: the application
// role may not change the schema, but registering a case of an old quarter must create that quarter on demand).
import type { Sequelize } from 'sequelize';
import { TIMELINE_SOURCES, insertEvents } from '../timeline/sources';

// The list indexes of migrations 0001, 0023 and 0029, now partitioned indexes of the parent. Not 0001's
// cases_recipient_idx: 0023's cases_recipient_status_at_idx has the same leading columns.
const CASE_INDEXES = [
  'cases_agency_status_at_idx ON cases (agency_id, status_at DESC, id DESC)',
  'cases_agency_channel_status_at_idx ON cases (agency_id, channel, status_at DESC, id DESC)',
  'cases_agency_status_status_at_idx ON cases (agency_id, status, status_at DESC, id DESC)',
  'cases_agency_service_status_at_idx ON cases (agency_id, service_id, status_at DESC, id DESC)',
  'cases_recipient_status_at_idx ON cases (recipient_type, recipient_id, status_at DESC, id DESC)',
  'cases_representative_idx ON cases (representative_type, representative_id) WHERE representative_id IS NOT NULL',
  'cases_representative_status_at_idx ON cases (representative_type, representative_id, status_at DESC, id DESC) WHERE representative_id IS NOT NULL',
];
const EVENT_INDEXES = [
  'case_status_events_case_idx ON case_status_events (case_id, id)',
  // A workflow's status is written at most once per idempotency key of its case (db/cases/append-status.ts).
  'case_status_events_idempotency_key ON case_status_events (case_id, idempotency_key, case_registered_at) WHERE idempotency_key IS NOT NULL',
];
const CASE_FOREIGN_KEYS = [
  'cases_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES agencies(id)',
  'cases_service_id_fkey FOREIGN KEY (service_id) REFERENCES services(id)',
  'cases_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id)',
  'cases_acting_office_id_fkey FOREIGN KEY (acting_office_id) REFERENCES offices(id)',
  'cases_municipality_code_fkey FOREIGN KEY (municipality_code) REFERENCES municipalities(code)',
  'cases_id_fkey FOREIGN KEY (id) REFERENCES case_keys(id)',
];

/**
 * Creates and attaches one quarter's partitions of both tables (cases first: the events' FK names it), the
 * non-blocking way: CREATE TABLE … (LIKE …) then ATTACH PARTITION (SHARE UPDATE EXCLUSIVE on the parent). True when
 * this call created them. Two sessions racing: the loser's CREATE waits for the winner's commit and fails (caught),
 * and it finds the quarter attached. A table of that name that is not a partition is a detached (archived) quarter:
 * refused, never re-attached behind the operator's back.
 */
const ENSURE_QUARTER = `
CREATE OR REPLACE FUNCTION ensure_case_register_quarter(day date) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  q_from date := date_trunc('quarter', day)::date;
  q_to date := (date_trunc('quarter', day) + interval '3 months')::date;
  suffix text := to_char(q_from, 'YYYY') || 'q' || to_char(q_from, 'Q');
  parent text;
  part text;
  created boolean := false;
BEGIN
  -- Registration times are never in the future (db/cases/register-cases.ts): only the schedule looks ahead, by months.
  IF q_from > now() + interval '5 years' THEN
    RAISE EXCEPTION 'quarter % is more than five years ahead', suffix USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOREACH parent IN ARRAY ARRAY['cases', 'case_status_events'] LOOP
    part := parent || '_' || suffix;
    CONTINUE WHEN EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                           WHERE i.inhparent = parent::regclass AND c.relname = part);
    IF to_regclass(part) IS NOT NULL THEN
      RAISE EXCEPTION 'partition % exists but is not attached (a detached quarter is archived, not reused)', part
        USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    BEGIN
      EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
      EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, part,
                     q_from::text || ' 00:00:00+00', q_to::text || ' 00:00:00+00');
      created := true;
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
      NULL; -- another session made it and committed
    END;
  END LOOP;
  RETURN created;
END $$`;

/** Recreates the timeline trigger functions from db/timeline/sources.ts, now reading cases through case_keys. */
async function recreateTimelineFunctions(sequelize: Sequelize): Promise<void> {
  const fn = (name: string) => `timeline_from_${name}`;
  for (const s of TIMELINE_SOURCES) {
    await sequelize.query(`CREATE OR REPLACE FUNCTION ${fn(s.name)}_insert() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN ${insertEvents(s.select('new_rows'))}; RETURN NULL; END $$`);
    if (s.updateWhen) {
      await sequelize.query(`CREATE OR REPLACE FUNCTION ${fn(s.name)}_update() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN ${insertEvents(s.select('(SELECT NEW.*)'))}; RETURN NULL; END $$`);
    }
  }
  // CREATE OR REPLACE keeps migration 0030's settings of the two ingest functions (no JIT, index probes only).
  await sequelize.query(`
    CREATE TRIGGER cases_timeline_insert AFTER INSERT ON cases
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION timeline_from_cases_insert();
    CREATE TRIGGER case_status_events_timeline_insert AFTER INSERT ON case_status_events
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION timeline_from_case_status_events_insert()`);
}

/** Every foreign key naming cases(id) (but the status events', replaced below) now names case_keys(id). */
async function repointForeignKeys(sequelize: Sequelize): Promise<void> {
  const [fks] = (await sequelize.query(`
    SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE contype = 'f' AND confrelid = 'cases'::regclass AND conrelid <> 'case_status_events'::regclass`)) as [
    Array<{ tbl: string; conname: string; def: string }>,
    unknown,
  ];
  for (const fk of fks) {
    const def = fk.def.replace(/REFERENCES cases\(id\)/, 'REFERENCES case_keys(id)');
    if (def === fk.def) throw new Error(`unexpected foreign key ${fk.conname}: ${fk.def}`);
    await sequelize.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.conname}, ADD CONSTRAINT ${fk.conname} ${def}`);
  }
}

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE case_keys (
      id text PRIMARY KEY,
      agency_id text NOT NULL REFERENCES agencies(id),
      external_id text NOT NULL,
      registered_at timestamptz NOT NULL,
      CONSTRAINT case_keys_agency_external_id_key UNIQUE (agency_id, external_id)
    );
    INSERT INTO case_keys (id, agency_id, external_id, registered_at) SELECT id, agency_id, external_id, registered_at FROM cases`);
  await repointForeignKeys(sequelize);
  await sequelize.query(`
    ALTER TABLE cases RENAME TO cases_unpartitioned;
    ALTER TABLE case_status_events RENAME TO case_status_events_unpartitioned;
    ALTER SEQUENCE case_status_events_id_seq OWNED BY NONE;
    CREATE TABLE cases (LIKE cases_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (registered_at);
    CREATE TABLE case_status_events (LIKE case_status_events_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
      case_registered_at timestamptz NOT NULL) PARTITION BY RANGE (case_registered_at);
    ALTER SEQUENCE case_status_events_id_seq OWNED BY case_status_events.id;
    ${ENSURE_QUARTER};
    -- From the oldest case's quarter (or today's) to two quarters ahead.
    SELECT ensure_case_register_quarter(q::date) FROM generate_series(
      date_trunc('quarter', LEAST(now(), (SELECT min(registered_at) FROM cases_unpartitioned)) AT TIME ZONE 'UTC'),
      date_trunc('quarter', now() AT TIME ZONE 'UTC') + interval '6 months', interval '3 months') AS q;
    INSERT INTO cases SELECT * FROM cases_unpartitioned;
    INSERT INTO case_status_events SELECT e.*, c.registered_at FROM case_status_events_unpartitioned e
      JOIN cases_unpartitioned c ON c.id = e.case_id;
    DROP TABLE case_status_events_unpartitioned, cases_unpartitioned;
    ALTER TABLE cases ADD CONSTRAINT cases_pkey PRIMARY KEY (id, registered_at),
      ${CASE_FOREIGN_KEYS.map((fk) => `ADD CONSTRAINT ${fk}`).join(', ')};
    ALTER TABLE case_status_events ADD CONSTRAINT case_status_events_pkey PRIMARY KEY (id, case_registered_at),
      ADD CONSTRAINT case_status_events_case_fkey FOREIGN KEY (case_id, case_registered_at) REFERENCES cases (id, registered_at);
    ${[...CASE_INDEXES, ...EVENT_INDEXES.slice(0, 1)].map((i) => `CREATE INDEX ${i}`).join(';\n')};
    CREATE UNIQUE INDEX ${EVENT_INDEXES[1]};
    ANALYZE case_keys, cases, case_status_events`);
  await recreateTimelineFunctions(sequelize);
}

export async function down(): Promise<void> {
  // Folding the partitions back into one table loses nothing but is a data move of the whole register: restore the
  // pre-migration backup instead.
  throw new Error('0031-partitioned-register is not reversible in place; restore the backup taken before it.');
}
