// Reading cases, always through a filter that says whose cases the caller may see (the caller, api/cases, decides
// which filter: its agency's, or a person's own and followed cases).
import type { LevelOfAssurance } from '../domain/level-of-assurance';
import type { Pool } from 'pg';
import type { PersonType } from '../domain/person-id';
import type { CaseStatus, Channel } from '../domain/case-status';
import { afterPosition, countUpTo, exactTime, type KeysetPosition, type ListTotal, type Paging } from '../paging';
import { registeredAtOf } from './partitions';
import { queryPrepared } from '../prepared';

/** A row of cases as `SELECT c.*` reads it, with the agency's and the service's names when the query joins them. */
export interface CaseRow {
  id: string;
  agency_id: string;
  service_id: string;
  external_id: string;
  channel: Channel;
  office_id: string | null;
  municipality_code: string | null;
  recipient_type: PersonType;
  recipient_id: string;
  recipient_name: string | null;
  representative_type: string | null;
  representative_id: string | null;
  representative_name: string | null;
  representative_basis: string | null;
  status: CaseStatus;
  status_label: string | null;
  status_at: Date;
  registered_at: Date;
  price_eur: string | null;
  staff_minutes: number | null;
  waiting_minutes: number | null;
  call_minutes: number | null;
  satisfaction: number | null;
  complaint: boolean;
  /** Migration 0017: the sign-in's level with which the case was opened. */
  level_of_assurance: LevelOfAssurance | null;
  agency_name_lv?: string;
  agency_name_en?: string;
  service_title_lv?: string;
  service_title_en?: string;
  representative_basis_ref?: string | null;
  acting_staff_id?: string | null;
  acting_basis?: string | null;
  acting_basis_ref?: string | null;
  /** The e-service, when the case is an application (read by findCase and findCaseForPolicy). */
  eservice_id?: string | null;
  /** Migration 0002: the English label of the current status, when the workflow gave one. */
  status_label_en?: string | null;
  /** Migration 0021: the agency system's own page of the case. */
  agency_url?: string | null;
  acting_office_id?: string | null;
  /** Joined by SELECT_CASE: the office the case was handled at, the office of staff acting for the recipient. */
  office_name_lv?: string | null;
  office_name_en?: string | null;
  acting_office_kind?: 'vpvkac' | 'agency' | null;
  acting_office_name_lv?: string | null;
  acting_office_name_en?: string | null;
  /** Joined by SELECT_CASE: the case is an application of an e-service here (whatever its channel). */
  has_application?: boolean;
}

/** A status event of a case's history. */
export interface EventRow {
  case_id: string;
  status: CaseStatus;
  label: string | null;
  label_en: string | null;
  at: Date;
  reason: string | null;
}

export const SELECT_CASE = `
  SELECT c.*, a.name_lv AS agency_name_lv, a.name_en AS agency_name_en, s.title_lv AS service_title_lv, s.title_en AS service_title_en,
         o.name_lv AS office_name_lv, o.name_en AS office_name_en, ao.kind AS acting_office_kind,
         ao.name_lv AS acting_office_name_lv, ao.name_en AS acting_office_name_en,
         EXISTS (SELECT 1 FROM applications app WHERE app.case_id = c.id) AS has_application
    FROM cases c JOIN agencies a ON a.id = c.agency_id JOIN services s ON s.id = c.service_id
    LEFT JOIN offices o ON o.id = c.office_id LEFT JOIN offices ao ON ao.id = c.acting_office_id`;
/** One case, with the e-service it runs as when it is an application (which only its workflow changes). */
const SELECT_ONE_CASE = `${SELECT_CASE.replace('SELECT c.*', 'SELECT c.*, ap.definition_id AS eservice_id')}
    LEFT JOIN applications ap ON ap.case_id = c.id`;

export async function historiesOf(pool: Pool, caseIds: string[]): Promise<Map<string, EventRow[]>> {
  const byCase = new Map<string, EventRow[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return byCase;
  const { rows } = await pool.query<EventRow>(
    `SELECT e.case_id, e.status, e.label, e.label_en, e.at, e.reason
       FROM case_keys k JOIN case_status_events e ON e.case_id = k.id AND e.case_registered_at = k.registered_at
      WHERE k.id = ANY($1::text[]) ORDER BY e.case_id, e.id`,
    [caseIds],
  );
  for (const r of rows) byCase.get(r.case_id)?.push(r);
  return byCase;
}

export async function findCase(pool: Pool, id: string): Promise<CaseRow | null> {
  const { rows } = await queryPrepared<CaseRow>(pool, `${SELECT_ONE_CASE} WHERE c.id = $1 AND c.registered_at = ${registeredAtOf('$1')}`, [
    id,
  ]);
  return rows[0] ?? null;
}

/** A page of a list of cases, newest status first: `more` when cases follow its last row; the total when asked. */
export interface CasePage {
  rows: Array<CaseRow & { status_at_exact: string }>;
  more: boolean;
  /** Where this page ended (the next page's cursor). */
  last?: KeysetPosition;
  total?: ListTotal;
}

/**
 * One page of the cases a condition selects, ordered by (status_at, id) descending: the position of the previous
 * page's last row is a condition of the index scan (migration 0029's indexes), one row more than the page tells
 * whether there is a next page.
 */
async function pageOfCases(pool: Pool, where: string[], params: unknown[], p: Paging): Promise<CasePage> {
  const filtered = where.join(' AND ');
  const total = p.count ? await countUpTo(pool, `FROM cases c WHERE ${filtered}`, params, p.countThreshold) : undefined;
  const pageParams = [...params];
  const position = p.after ? afterPosition(['c.status_at', 'c.id'], p.after, pageParams) : 'true';
  pageParams.push(p.limit + 1);
  const { rows } = await queryPrepared<CaseRow & { status_at_exact: string }>(
    pool,
    `${SELECT_CASE.replace('SELECT c.*', `SELECT c.*, ${exactTime('c.status_at')} AS status_at_exact`)}
      WHERE ${filtered} AND ${position} ORDER BY c.status_at DESC, c.id DESC LIMIT $${pageParams.length}`,
    pageParams,
  );
  const page = rows.slice(0, p.limit);
  const last = page.at(-1);
  return {
    rows: page,
    more: rows.length > p.limit,
    ...(last ? { last: { at: last.status_at_exact, id: last.id } } : {}),
    ...(total ? { total } : {}),
  };
}

/** The cases whose recipient is the party (a company's own cases, for its representatives), newest status first. */
export function casesOfRecipient(pool: Pool, party: { type: PersonType; id: string }, paging: Paging): Promise<CasePage> {
  return pageOfCases(pool, ['c.recipient_type = $1', 'c.recipient_id = $2'], [party.type, party.id], paging);
}

/** The agency's list filter: the filters of GET /api/v1/cases. */
export interface AgencyCaseFilter {
  status?: CaseStatus;
  channel?: Channel;
  serviceId?: string;
  externalId?: string;
}

export function casesOfAgency(pool: Pool, agencyId: string, f: AgencyCaseFilter, paging: Paging): Promise<CasePage> {
  // A citizen's unsubmitted e-service draft is not the agency's to read (api/platform/auth/policy.ts): left out of its list.
  const where = ['c.agency_id = $1', "NOT (c.status = 'draft' AND EXISTS (SELECT 1 FROM applications ap WHERE ap.case_id = c.id))"];
  const params: unknown[] = [agencyId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.status) add('c.status = ?', f.status);
  if (f.channel) add('c.channel = ?', f.channel);
  if (f.serviceId) add('c.service_id = ?', f.serviceId);
  // By external id: the one case case_keys names, in its one partition.
  // Both its id and its quarter come from case_keys' unique index: one probe there, one primary-key probe in the partition.
  if (f.externalId) {
    add('c.external_id = ?', f.externalId);
    const key = `FROM case_keys k WHERE k.agency_id = $1 AND k.external_id = $${params.length}`;
    where.push(`c.id = (SELECT k.id ${key})`, `c.registered_at = (SELECT k.registered_at ${key})`);
  }
  return pageOfCases(pool, where, params, paging);
}

/** One case as the access policy reads it (its recipient, representative, acting staff and e-service; no names). */
export async function findCaseForPolicy(pool: Pool, id: string): Promise<CaseRow | null> {
  const { rows } = await queryPrepared<CaseRow>(
    pool,
    `SELECT c.*, ap.definition_id AS eservice_id FROM cases c LEFT JOIN applications ap ON ap.case_id = c.id
      WHERE c.id = $1 AND c.registered_at = ${registeredAtOf('$1')}`,
    [id],
  );
  return rows[0] ?? null;
}

export interface CaseRecipient {
  recipient_type: PersonType;
  recipient_id: string;
  recipient_name: string | null;
  agency_id: string;
  /** The agency's name in Latvian. */
  agency_name: string;
  agency_name_en: string;
  agency_registration_number: string;
}

/** Whom a case is for and which agency handles it (an e-service's notices name both). */
export async function caseRecipient(pool: Pool, caseId: string): Promise<CaseRecipient | null> {
  const { rows } = await queryPrepared<CaseRecipient>(
    pool,
    `SELECT c.recipient_type, c.recipient_id, c.recipient_name, c.agency_id, a.name_lv AS agency_name,
            a.name_en AS agency_name_en, a.registration_number AS agency_registration_number
       FROM cases c JOIN agencies a ON a.id = c.agency_id WHERE c.id = $1 AND c.registered_at = ${registeredAtOf('$1')}`,
    [caseId],
  );
  return rows[0] ?? null;
}
