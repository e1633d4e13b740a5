// Status events reach every API node through PostgreSQL LISTEN/NOTIFY: whichever process writes a status (the API,
// a Temporal activity in the worker, a bulk import) announces the id range it wrote, after the write committed.
// Each API node then reads just the events of the people connected to it. Works across any number of nodes.
import type pg from 'pg';
import type { Pool } from 'pg';
import { listen } from '../listen';
import type { CaseStatus } from '../../forms/types/api';
import { registeredAtOf } from './partitions';

export const CASE_STATUS_CHANNEL = 'case_status';

export async function publishStatusEvents(pool: Pool | pg.PoolClient, from: number, to: number): Promise<void> {
  await pool.query('SELECT pg_notify($1, $2)', [CASE_STATUS_CHANNEL, JSON.stringify({ from, to })]);
}

/** Announces the case's latest status event again (open screens refresh, e.g. to show why an application waits). */
export async function republishCurrentStatus(pool: Pool, caseId: string): Promise<void> {
  const { rows } = await pool.query<{ id: number }>(
    `SELECT id FROM case_status_events WHERE case_id = $1 AND case_registered_at = ${registeredAtOf('$1')} ORDER BY id DESC LIMIT 1`,
    [caseId],
  );
  if (rows[0]) await publishStatusEvents(pool, rows[0].id, rows[0].id);
}

export interface StatusEventRow {
  eventId: number;
  caseId: string;
  /** case_status_events holds only the canonical statuses (its CHECK constraint) */
  status: CaseStatus;
  label: string | null;
  at: string;
  agencyId: string;
  serviceId: string;
  recipientKey: string;
  representativeKey: string | null;
}

/** Reads events in [from, to] that concern any of the given person keys ("natural:01018012345"). */
export async function readStatusEvents(pool: Pool, from: number, to: number, personKeys: string[]): Promise<StatusEventRow[]> {
  const { rows } = await pool.query<{
    id: number;
    case_id: string;
    status: CaseStatus;
    label: string | null;
    at: Date;
    agency_id: string;
    service_id: string;
    recipient_key: string;
    representative_key: string | null;
  }>(
    `SELECT e.id, e.case_id, e.status, e.label, e.at, c.agency_id, c.service_id,
            c.recipient_type || ':' || c.recipient_id AS recipient_key,
            CASE WHEN c.representative_id IS NULL THEN NULL ELSE c.representative_type || ':' || c.representative_id END AS representative_key
       FROM case_status_events e JOIN cases c ON c.id = e.case_id AND c.registered_at = e.case_registered_at
      WHERE e.id BETWEEN $1 AND $2
        AND (c.recipient_type || ':' || c.recipient_id = ANY($3::text[])
             OR c.representative_type || ':' || c.representative_id = ANY($3::text[]))
      ORDER BY e.id`,
    [from, to, personKeys],
  );
  return rows.map((r) => ({
    eventId: r.id,
    caseId: r.case_id,
    status: r.status,
    label: r.label,
    at: new Date(r.at).toISOString(),
    agencyId: r.agency_id,
    serviceId: r.service_id,
    recipientKey: r.recipient_key,
    representativeKey: r.representative_key,
  }));
}

/** The statuses written in [from, to] for any of the given cases (co-browsing learns that a draft was submitted). */
export async function readCaseStatuses(
  pool: Pool,
  from: number,
  to: number,
  caseIds: string[],
): Promise<Array<{ caseId: string; status: CaseStatus }>> {
  const { rows } = await pool.query<{ case_id: string; status: CaseStatus }>(
    'SELECT case_id, status FROM case_status_events WHERE id BETWEEN $1 AND $2 AND case_id = ANY($3::text[]) ORDER BY id',
    [from, to, caseIds],
  );
  return rows.map((r) => ({ caseId: r.case_id, status: r.status }));
}

/** Calls onRange for every id range announced, over the one LISTEN loop (db/listen.ts). */
export function listenForStatusEvents(
  url: string,
  onRange: (from: number, to: number) => void,
  onError: (e: Error) => void,
): () => Promise<void> {
  const listener = listen(url, CASE_STATUS_CHANNEL, {
    onNotification(payload) {
      try {
        const { from, to } = JSON.parse(payload ?? '{}') as { from: number; to: number };
        if (Number.isFinite(from) && Number.isFinite(to)) onRange(from, to);
      } catch (e) {
        onError(e as Error);
      }
    },
    onError,
  });
  return () => listener.stop();
}
