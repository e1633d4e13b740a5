// The history's share of the batch ingest, cut further (issue 19, ingest). Each case and status event was turned into
// history rows by two SELECTs (the recipient's side, then the representative's), each looking up the event's case and
// probing `applications` again; now one lookup fans out into both sides, and only an e-service case probes for an
// application (db/timeline/sources.ts). Each history row also kept three person indexes; one serves the list, its
// kind and agency filters and the agency list of a person's history (kind and agency_id INCLUDEd, read from the
// index): two index insertions fewer per row. And a row's identity is its source row, (source, source_id), which
// the triggers' ON CONFLICT already keys on: that is now the primary key, and `id` (a sequence, unique by
// construction, only the list's tie-breaker inside the person index) keeps no index of its own: five indexes per row become two.
// `npm run bench:timeline` keeps its goal with it.
import type { Sequelize } from 'sequelize';
import { TIMELINE_SOURCES, insertEvents } from '../timeline/sources';

// As in migration 0030: a transition table has no statistics, so the plan is fixed to index probes without JIT.
export const STATUS_EVENT_PLAN = 'SET jit = off SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off';

function sourceNamed(name: string) {
  const source = TIMELINE_SOURCES.find((s) => s.name === name);
  if (!source) throw new Error(`no ${name} timeline source`);
  return source;
}

export const triggerFunction = (name: string, rows: string, settings = '', options: { newSourceRows?: boolean } = {}) =>
  `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql ${settings} AS $$
   BEGIN ${insertEvents(sourceNamed(name.replace(/^timeline_from_|_(insert|update)$/g, '')).select(rows), options)}; RETURN NULL; END $$`;

export async function up(sequelize: Sequelize): Promise<void> {
  const statements = [
    triggerFunction('timeline_from_cases_insert', 'new_rows', 'SET jit = off'),
    triggerFunction('timeline_from_case_status_events_insert', 'new_rows', STATUS_EVENT_PLAN),
    triggerFunction('timeline_from_applications_insert', 'new_rows'),
    triggerFunction('timeline_from_applications_update', '(SELECT NEW.*)'),
    'DROP INDEX timeline_events_person_kind_idx',
    'DROP INDEX timeline_events_person_agency_idx',
    'DROP INDEX timeline_events_person_idx',
    `ALTER TABLE timeline_events DROP CONSTRAINT timeline_events_pkey, DROP CONSTRAINT timeline_events_source_key,
       ADD CONSTRAINT timeline_events_pkey PRIMARY KEY (source, source_id)`,
    `CREATE INDEX timeline_events_person_idx ON timeline_events (person_type, person_id, occurred_at DESC, id DESC)
       INCLUDE (kind, agency_id)`,
  ];
  for (const sql of statements) await sequelize.query(sql);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`ALTER TABLE timeline_events DROP CONSTRAINT timeline_events_pkey,
      ADD CONSTRAINT timeline_events_pkey PRIMARY KEY (id), ADD CONSTRAINT timeline_events_source_key UNIQUE (source, source_id);
    DROP INDEX timeline_events_person_idx;
    CREATE INDEX timeline_events_person_idx ON timeline_events (person_type, person_id, occurred_at DESC, id DESC);
    CREATE INDEX timeline_events_person_kind_idx ON timeline_events (person_type, person_id, kind, occurred_at DESC, id DESC);
    CREATE INDEX timeline_events_person_agency_idx ON timeline_events (person_type, person_id, agency_id, occurred_at DESC, id DESC)`);
}
