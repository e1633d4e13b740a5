// The service delivery statistics dataset's cells: the case register's aggregates (db/catalog/open-data.ts) with small
// counts suppressed, so that no published figure points at a handful of people.
import type { Pool, PoolClient } from 'pg';
import type { Text } from '../../../db/catalog/description';
import { deliveryAggregates } from '../../../db/catalog/open-data';

type Queryable = Pool | PoolClient;

/** Cells with fewer cases than this are not published, and no average is derived from fewer values. */
export const MIN_PUBLISHED_COUNT = 5;

const round = (v: number | null, digits: number) => (v === null ? null : Number(v.toFixed(digits)));

export interface StatisticsCell {
  serviceId: string;
  agencyId: string;
  title: Text;
  channel: string;
  month: string;
  municipalityCode: string | null;
  cases: number | null;
  suppressed: boolean;
  averagePriceEur: number | null;
  averageStaffMinutes: number | null;
  averageHoursToFinalStatus: number | null;
  averageSatisfaction: number | null;
}

/**
 * Per service × channel × month (registration month, Latvian time), over all municipalities and per municipality
 * (db/catalog/open-data.ts), small counts suppressed.
 */
export async function serviceStatistics(db: Queryable): Promise<StatisticsCell[]> {
  const rows = await deliveryAggregates(db);
  const cells = rows.map((r): StatisticsCell & { primary: boolean } => {
    const suppressed = r.cases < MIN_PUBLISHED_COUNT;
    const average = (n: number, avg: number | null, digits: number) => (suppressed || n < MIN_PUBLISHED_COUNT ? null : round(avg, digits));
    return {
      serviceId: r.service_id,
      agencyId: r.agency_id,
      title: { lv: r.title_lv, en: r.title_en },
      channel: r.channel,
      month: r.month,
      municipalityCode: r.all_municipalities ? null : r.municipality_code,
      cases: suppressed ? null : r.cases,
      suppressed,
      primary: suppressed,
      averagePriceEur: average(r.price_n, r.price_avg, 2),
      averageStaffMinutes: average(r.staff_n, r.staff_avg, 1),
      averageHoursToFinalStatus: average(r.final_n, r.final_avg, 1),
      averageSatisfaction: average(r.satisfaction_n, r.satisfaction_avg, 2),
    };
  });
  suppressComplements(cells, new Map(rows.map((r, i) => [cells[i], r.cases])));
  return cells.map(({ primary: _primary, ...cell }) => cell);
}

/**
 * Secondary suppression: when the total of a service × channel × month is published and exactly one municipality
 * is suppressed, total minus the others would give that municipality's count away; so the smallest other
 * municipality is suppressed too.
 */
function suppressComplements(cells: Array<StatisticsCell & { primary: boolean }>, counts: Map<StatisticsCell, number>): void {
  const groups = new Map<string, Array<StatisticsCell & { primary: boolean }>>();
  for (const c of cells) {
    const key = `${c.serviceId}|${c.channel}|${c.month}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const group of groups.values()) {
    const total = group.find((c) => c.municipalityCode === null);
    const parts = group.filter((c) => c.municipalityCode !== null);
    if (!total || total.suppressed || parts.filter((c) => c.suppressed).length !== 1) continue;
    const next = parts.filter((c) => !c.suppressed).sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0))[0];
    if (next)
      Object.assign(next, {
        cases: null,
        suppressed: true,
        averagePriceEur: null,
        averageStaffMinutes: null,
        averageHoursToFinalStatus: null,
        averageSatisfaction: null,
      });
  }
}
