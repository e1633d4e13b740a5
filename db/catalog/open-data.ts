// What the open datasets read beyond the published read model: service delivery statistics from the case register
// (aggregated here; suppression of small counts is api/catalog/open-data/statistics.ts) and the datasets' dates.
import type { Pool, PoolClient } from 'pg';

type Db = Pool | PoolClient;

/** One service × channel × month, over all municipalities (`all_municipalities`) or of one municipality. */
export interface DeliveryAggregate {
  service_id: string;
  agency_id: string;
  title_lv: string;
  title_en: string;
  channel: string;
  /** YYYY-MM, the registration month in Latvian time. */
  month: string;
  all_municipalities: boolean;
  municipality_code: string | null;
  cases: number;
  /** Each measure: how many cases have it and their average. */
  price_n: number;
  price_avg: number | null;
  staff_n: number;
  staff_avg: number | null;
  final_n: number;
  final_avg: number | null;
  satisfaction_n: number;
  satisfaction_avg: number | null;
}

/**
 * Per service × channel × month (registration month, Latvian time), over all municipalities and per municipality.
 * Drafts are not deliveries. The time to a final status runs to the first rejected/completed/withdrawn event.
 */
export async function deliveryAggregates(db: Db): Promise<DeliveryAggregate[]> {
  const { rows } = await db.query<DeliveryAggregate>(`
    WITH delivered AS (
      SELECT c.service_id, c.channel, c.municipality_code, c.price_eur, c.staff_minutes, c.satisfaction,
             to_char(c.registered_at AT TIME ZONE 'Europe/Riga', 'YYYY-MM') AS month,
             CASE WHEN f.at IS NULL THEN NULL ELSE GREATEST(0, EXTRACT(EPOCH FROM f.at - c.registered_at)) / 3600 END AS hours_to_final
        FROM cases c
        LEFT JOIN LATERAL (SELECT min(e.at) AS at FROM case_status_events e
                            WHERE e.case_id = c.id AND e.case_registered_at = c.registered_at -- its case's quarter only
                              AND e.status IN ('rejected', 'completed', 'withdrawn')) f ON true
       WHERE c.status <> 'draft')
    SELECT d.service_id, s.agency_id, s.title_lv, s.title_en, d.channel, d.month,
           GROUPING(d.municipality_code) = 1 AS all_municipalities, d.municipality_code, count(*)::int AS cases,
           count(d.price_eur)::int AS price_n, avg(d.price_eur)::float8 AS price_avg,
           count(d.staff_minutes)::int AS staff_n, avg(d.staff_minutes)::float8 AS staff_avg,
           count(d.hours_to_final)::int AS final_n, avg(d.hours_to_final)::float8 AS final_avg,
           count(d.satisfaction)::int AS satisfaction_n, avg(d.satisfaction)::float8 AS satisfaction_avg
      FROM delivered d JOIN services s ON s.id = d.service_id
     GROUP BY d.service_id, s.agency_id, s.title_lv, s.title_en, d.channel, d.month, GROUPING SETS ((), (d.municipality_code))
    HAVING GROUPING(d.municipality_code) = 1 OR d.municipality_code IS NOT NULL
     ORDER BY d.service_id, d.channel, d.month, all_municipalities DESC, d.municipality_code`);
  return rows;
}

export interface SourceDates {
  /** The catalogue's change feed: its first and last change. */
  catalogFirst: Date | null;
  catalogLast: Date | null;
  /** The case register: its first registration (drafts aside) and its last change. */
  casesFirst: Date | null;
  casesLast: Date | null;
}

/** When the datasets' sources first had data and last changed. */
export async function sourceDates(db: Db): Promise<SourceDates> {
  const {
    rows: [r],
  } = await db.query<{ catalog_first: Date | null; catalog: Date | null; cases_first: Date | null; cases: Date | null }>(
    `SELECT (SELECT min(at) FROM catalog_changes) AS catalog_first, (SELECT max(at) FROM catalog_changes) AS catalog,
    (SELECT min(registered_at) FROM cases WHERE status <> 'draft') AS cases_first, (SELECT max(updated_at) FROM cases) AS cases`,
  );
  return { catalogFirst: r.catalog_first, catalogLast: r.catalog, casesFirst: r.cases_first, casesLast: r.cases };
}
