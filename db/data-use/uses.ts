// "Who used my data": the uses of a person's data by others, from two sources merged newest first and keyset-paged:
// the platform's own audit log (staff views, e-service register reads, agency API reads, co-browsing) and the access
// logs registers push (register_access_logs). A use is shown to the person it concerns (details.concerns / the
// record's concerns), else to the person the data is about; one under embargo stays hidden until its date passes.
import type { Pool } from 'pg';

export interface DataUseFilter {
  /** An institution's code: an agency's registration number, or a customer centre's id. */
  institution?: string;
  /** Latvian calendar dates (inclusive). */
  from?: string;
  to?: string;
  limit: number;
  after?: { at: string; key: string };
}

export interface DataUseRow {
  key: string;
  source: 'platform' | 'register';
  at: Date;
  at_exact: string;
  institution: string;
  agency_lv: string | null;
  agency_en: string | null;
  actor_type: string | null;
  actor_office: string | null;
  on_behalf_of: string | null;
  role_lv: string | null;
  role_en: string | null;
  action: string;
  resource: string | null;
  data_lv: string | null;
  data_en: string | null;
  purpose_code: string;
  purpose_lv: string | null;
  purpose_en: string | null;
  legal_basis: string | null;
  case_id: string | null;
  register: string | null;
  operation: string | null;
  /** The audit row is of a list that showed the person (e.g. `tasks`, `cases`): their name in an agency's list. */
  listed: string | null;
}

const RIGA_TODAY = `(now() AT TIME ZONE 'Europe/Riga')::date`;

/** Audit rows that are not a use by others: the person's own acts, refusals, sign-ins, the platform's bookkeeping
 * (stored access logs, embargoes set, the e-service runtime recording statuses: My cases shows those). An embargo's
 * own row is `embargo-set` (api/platform/auth/stated-reason.ts, and a register's pushed read under embargo); `embargo`
 * is the same row as profile reads wrote it before there was one implementation (the log is append-only: kept, hidden). */
// A list that showed the person several times in one load (an officer's inbox audits one row per task) is one use:
// its first row (the rows of one load share the statement's time, found by the subject index).
const PLATFORM_USE = `
  l.action IN ('read', 'update', 'create', 'delete', 'export')
  AND NOT (l.actor_type = 'citizen' AND l.on_behalf_of IS NULL)
  AND l.actor_id <> 'prefill'
  AND l.purpose NOT LIKE '%refused%' AND l.purpose NOT LIKE 'own-%'
  AND l.purpose NOT IN ('sign-in', 'access-log-received', 'embargo-set', 'embargo', 'e-service', 'leave')
  AND (CASE WHEN l.details ->> 'embargoUntil' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'
            THEN left(l.details ->> 'embargoUntil', 10)::date <= ${RIGA_TODAY} ELSE true END)
  AND NOT (l.details ? 'list' AND EXISTS (
    SELECT 1 FROM audit_log l2
     WHERE l2.subject_type = l.subject_type AND l2.subject_id = l.subject_id AND l2.at = l.at
       AND l2.request_id IS NOT DISTINCT FROM l.request_id AND l2.details ? 'list' AND l2.id < l.id))`;

/** Shown to $1: the rows about them that concern no one else, and the rows that concern them. */
const PLATFORM_SHOWN_TO = `
  ((l.subject_type = 'natural' AND l.subject_id = $1 AND (l.details ->> 'concerns' IS NULL OR l.details ->> 'concerns' = $1))
   OR (l.details ? 'concerns' AND l.details ->> 'concerns' = $1))`;

const PLATFORM_INSTITUTION = `coalesce(ag.registration_number, oag.registration_number, l.actor_office, l.actor_agency,
  CASE WHEN l.actor_type = 'citizen' THEN 'representative' ELSE 'platform' END)`;

const PLATFORM_SELECT = `
  SELECT 'a' || lpad(l.id::text, 19, '0') AS key, 'platform' AS source, l.at, ${PLATFORM_INSTITUTION} AS institution,
         coalesce(ag.name_lv, o.name_lv, oag.name_lv) AS agency_lv, coalesce(ag.name_en, o.name_en, oag.name_en) AS agency_en,
         l.actor_type, l.actor_office, l.on_behalf_of, NULL::text AS role_lv, NULL::text AS role_en, l.action, l.resource,
         NULL::text AS data_lv, NULL::text AS data_en, l.purpose AS purpose_code, NULL::text AS purpose_lv, NULL::text AS purpose_en,
         l.details ->> 'legalBasis' AS legal_basis,
         coalesce(l.details ->> 'caseId', substring(l.resource FROM '^(?:case|application):([A-Z]{2}-[0-9]{10}-[0-9]{2})')) AS case_id,
         l.details ->> 'register' AS register, l.details ->> 'operation' AS operation, l.details ->> 'list' AS listed
    FROM audit_log l
    LEFT JOIN agencies ag ON ag.id = l.actor_agency
    LEFT JOIN offices o ON o.id = l.actor_office
    LEFT JOIN agencies oag ON oag.id = o.agency_id`;

const REGISTER_SELECT = `
  SELECT 'r' || lpad(r.id::text, 19, '0') AS key, 'register' AS source, r.at, r.agency_code AS institution,
         r.agency_name_lv AS agency_lv, r.agency_name_en AS agency_en, NULL::text AS actor_type, NULL::text AS actor_office,
         NULL::text AS on_behalf_of, r.role_lv, r.role_en, 'read' AS action, NULL::text AS resource, r.data_lv, r.data_en,
         r.purpose_code, r.purpose_lv, r.purpose_en, r.legal_basis, r.case_reference AS case_id, r.register,
         NULL::text AS operation, NULL::text AS listed
    FROM register_access_logs r`;

const REGISTER_SHOWN_TO = `coalesce(r.concerns_id, r.subject_id) = $1 AND (r.embargo_until IS NULL OR r.embargo_until <= ${RIGA_TODAY})`;

function filters(f: Omit<DataUseFilter, 'limit' | 'after'>, params: unknown[], at: string, institution: string): string {
  const where: string[] = [];
  if (f.institution) {
    params.push(f.institution);
    where.push(`${institution} = $${params.length}`);
  }
  if (f.from) {
    params.push(f.from);
    where.push(`${at} >= ($${params.length}::date::timestamp AT TIME ZONE 'Europe/Riga')`);
  }
  if (f.to) {
    params.push(f.to);
    where.push(`${at} < (($${params.length}::date + 1)::timestamp AT TIME ZONE 'Europe/Riga')`);
  }
  return where.length ? `AND ${where.join(' AND ')}` : '';
}

/** One page of the uses of the person's data (newest first), and whether there is more. */
export async function dataUsesOf(pool: Pool, personalCode: string, f: DataUseFilter): Promise<{ rows: DataUseRow[]; more: boolean }> {
  const params: unknown[] = [personalCode];
  const platformWhere = filters(f, params, 'l.at', PLATFORM_INSTITUTION);
  const registerWhere = filters(f, params, 'r.at', 'r.agency_code');
  let keysetPlatform = '';
  let keysetRegister = '';
  if (f.after) {
    params.push(f.after.at, f.after.key);
    const [t, k] = [`$${params.length - 1}::timestamptz`, `$${params.length}`];
    keysetPlatform = `AND (l.at, 'a' || lpad(l.id::text, 19, '0')) < (${t}, ${k})`;
    keysetRegister = `AND (r.at, 'r' || lpad(r.id::text, 19, '0')) < (${t}, ${k})`;
  }
  params.push(f.limit + 1);
  const limit = `$${params.length}`;
  const { rows } = await pool.query<DataUseRow>(
    `SELECT u.*, to_json(u.at) #>> '{}' AS at_exact FROM (
       (${PLATFORM_SELECT} WHERE ${PLATFORM_SHOWN_TO} AND ${PLATFORM_USE} ${platformWhere} ${keysetPlatform}
        ORDER BY l.at DESC, l.id DESC LIMIT ${limit})
       UNION ALL
       (${REGISTER_SELECT} WHERE ${REGISTER_SHOWN_TO} ${registerWhere} ${keysetRegister}
        ORDER BY r.at DESC, r.id DESC LIMIT ${limit})
     ) u ORDER BY u.at DESC, u.key DESC LIMIT ${limit}`,
    params,
  );
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

export interface InstitutionRow {
  institution: string;
  agency_lv: string | null;
  agency_en: string | null;
}

/** The institutions that used the person's data (for the list's filter). */
export async function institutionsOf(pool: Pool, personalCode: string): Promise<InstitutionRow[]> {
  const { rows } = await pool.query<InstitutionRow>(
    `SELECT institution, min(agency_lv) AS agency_lv, min(agency_en) AS agency_en FROM (
       SELECT ${PLATFORM_INSTITUTION} AS institution, coalesce(ag.name_lv, o.name_lv, oag.name_lv) AS agency_lv,
              coalesce(ag.name_en, o.name_en, oag.name_en) AS agency_en
         FROM audit_log l
         LEFT JOIN agencies ag ON ag.id = l.actor_agency
         LEFT JOIN offices o ON o.id = l.actor_office
         LEFT JOIN agencies oag ON oag.id = o.agency_id
        WHERE ${PLATFORM_SHOWN_TO} AND ${PLATFORM_USE}
       UNION ALL
       SELECT r.agency_code, r.agency_name_lv, r.agency_name_en FROM register_access_logs r WHERE ${REGISTER_SHOWN_TO}
     ) i GROUP BY institution ORDER BY min(agency_lv) NULLS LAST, institution`,
    [personalCode],
  );
  return rows;
}
