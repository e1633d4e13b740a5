// Lists whose cost does not grow with the register (issue 19): each list that can grow without bound is paged by
// keyset (db/paging.ts), and here each gets an index whose columns are its filter's equalities and then its order,
// both order columns in the same direction, so a page is an index range scan from the cursor's position that stops
// after the page's rows: no sort, no count. The agency's case list has one per filter it offers (none, channel, status,
// service; a combination of filters reads one of them and filters the rest); the company's own cases read 0023's
// recipient index. The inbox has one per status it lists and a partial one for the active inbox (open or claimed),
// by due date and by creation; the old (agency, status, due_at) one is replaced. The suspense list: all, or by status.
import type { Sequelize } from 'sequelize';

const INDEXES = [
  'cases_agency_status_at_idx ON cases (agency_id, status_at DESC, id DESC)',
  'cases_agency_channel_status_at_idx ON cases (agency_id, channel, status_at DESC, id DESC)',
  'cases_agency_status_status_at_idx ON cases (agency_id, status, status_at DESC, id DESC)',
  'cases_agency_service_status_at_idx ON cases (agency_id, service_id, status_at DESC, id DESC)',
  'tasks_agency_status_due_idx ON tasks (agency_id, status, due_at, id)',
  'tasks_agency_status_created_idx ON tasks (agency_id, status, created_at, id)',
  "tasks_active_due_idx ON tasks (agency_id, due_at, id) WHERE status IN ('open', 'claimed')",
  "tasks_active_created_idx ON tasks (agency_id, created_at, id) WHERE status IN ('open', 'claimed')",
  'suspense_agency_booked_idx ON suspense_entries (agency_id, booked_at DESC, id DESC)',
  'suspense_agency_status_booked_idx ON suspense_entries (agency_id, status, booked_at DESC, id DESC)',
];

const nameOf = (index: string) => index.split(' ')[0];

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(
    ['DROP INDEX IF EXISTS tasks_inbox_idx', ...INDEXES.map((i) => `CREATE INDEX ${i}`), 'ANALYZE cases, tasks, suspense_entries'].join(
      ';\n',
    ),
  );
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(
    [...INDEXES.map((i) => `DROP INDEX IF EXISTS ${nameOf(i)}`), 'CREATE INDEX tasks_inbox_idx ON tasks (agency_id, status, due_at)'].join(
      ';\n',
    ),
  );
}
