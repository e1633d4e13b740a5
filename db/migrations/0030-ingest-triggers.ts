// Cheaper timeline triggers on the batch ingest's two tables (issue 19, ingest). Measured with auto_explain on a
// 10,000-case batch: the cases trigger spent 130 ms of its 430 ms compiling JIT code (a transition table has no
// statistics, so the estimated cost passes jit_above_cost), and the status-event trigger joined every case of the
// register once per statement (a hash over all cases, or with stale statistics a nested loop over them: ingest slowed
// as the register grew) instead of probing the cases it needs by primary key. The events are the same; the
// status-event function is replaced by its new SELECT (db/timeline/sources.ts: a per-event lookup of its case), and
// both run without JIT and, for the status events, with index probes only.
import type { Sequelize } from 'sequelize';
import { TIMELINE_SOURCES, insertEvents } from '../timeline/sources';

const STATUS_EVENT_PLAN = 'SET jit = off SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off';

export async function up(sequelize: Sequelize): Promise<void> {
  const statusEvents = TIMELINE_SOURCES.find((s) => s.name === 'case_status_events');
  if (!statusEvents) throw new Error('no case_status_events timeline source');
  await sequelize.query(`CREATE OR REPLACE FUNCTION timeline_from_case_status_events_insert() RETURNS trigger LANGUAGE plpgsql
    ${STATUS_EVENT_PLAN} AS $$ BEGIN ${insertEvents(statusEvents.select('new_rows', 'unpartitioned'))}; RETURN NULL; END $$`);
  await sequelize.query('ALTER FUNCTION timeline_from_cases_insert() SET jit = off');
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`ALTER FUNCTION timeline_from_cases_insert() RESET ALL;
    ALTER FUNCTION timeline_from_case_status_events_insert() RESET ALL;`);
}
