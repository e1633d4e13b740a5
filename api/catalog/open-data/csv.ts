// The open datasets as CSV (RFC 4180, UTF-8, header row).
import type { Pool, PoolClient } from 'pg';
import type { ServiceDescription } from '../../../db/catalog/description';
import { loadPublished, servicesByOffice } from '../../../db/catalog/published';
import { loadLinkedDataRefs } from '../../../db/catalog/reference-data';
import { iris, openingHoursSpec, type LinkOptions } from '../jsonld';
import { taxonomyConcepts } from './datasets';
import { serviceStatistics } from './statistics';

type Queryable = Pool | PoolClient;

// ---- CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled) ----
// Text that a spreadsheet would take for a formula (OWASP CSV injection: a cell starting with =, +, -, @, tab or
// carriage return) gets a leading single quote, so that an agency's title such as `=HYPERLINK(…)` stays text on
// the screen of whoever opens the file. Numbers are written as numbers.
const FORMULA_START = /^[=+\-@\t\r]/;
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export function toCsv(header: readonly string[], rows: readonly unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// ---- (a) the catalogue: every published service ----
function costRange(d: ServiceDescription): [number, number] {
  const costs = d.channels.map((c) => c.cost?.amountEur ?? 0); // the schema omits the cost when a channel is free
  return costs.length ? [Math.min(...costs), Math.max(...costs)] : [0, 0];
}

export async function publicServicesCsv(db: Queryable, links: LinkOptions): Promise<string> {
  const [published, refs] = await Promise.all([loadPublished(db), loadLinkedDataRefs(db)]);
  const ids = iris(links.idBase);
  return toCsv(
    [
      'service_id',
      'version',
      'title_lv',
      'title_en',
      'description_lv',
      'description_en',
      'agency_id',
      'agency_name_lv',
      'agency_name_en',
      'sector',
      'thematic_areas',
      'life_events',
      'business_events',
      'keywords_lv',
      'keywords_en',
      'channels',
      'municipalities',
      'cost_eur_from',
      'cost_eur_to',
      'published_at',
      'iri',
      'cpsv_ap_url',
    ],
    published.map(({ document: d, agencyId, version, publishedAt }) => {
      const agency = refs.agencies.get(agencyId);
      return [
        d.id,
        version,
        d.title.lv,
        d.title.en,
        d.description.lv,
        d.description.en,
        agencyId,
        agency?.name.lv,
        agency?.name.en,
        d.sector,
        d.thematicAreas.join(';'),
        d.lifeEvents.join(';'),
        d.businessEvents.join(';'),
        d.keywords.lv.join(';'),
        d.keywords.en.join(';'),
        d.channels.map((c) => c.type).join(';'),
        d.municipalities.join(';'),
        ...costRange(d),
        new Date(publishedAt).toISOString(),
        ids.service(d.id),
        `${links.portalOrigin}/api/v1/catalog/services/${d.id}/cpsv-ap.jsonld`,
      ];
    }),
  );
}

// ---- (b) service delivery statistics ----
const STATISTICS_COLUMNS = [
  'service_id',
  'agency_id',
  'service_title_lv',
  'service_title_en',
  'channel',
  'month',
  'municipality_code',
  'cases',
  'suppressed',
  'average_price_eur',
  'average_staff_minutes',
  'average_hours_to_final_status',
  'average_satisfaction',
] as const;

export async function statisticsCsv(db: Queryable): Promise<string> {
  const cells = await serviceStatistics(db);
  return toCsv(
    STATISTICS_COLUMNS,
    cells.map((c) => [
      c.serviceId,
      c.agencyId,
      c.title.lv,
      c.title.en,
      c.channel,
      c.month,
      c.municipalityCode,
      c.cases,
      c.suppressed,
      c.averagePriceEur,
      c.averageStaffMinutes,
      c.averageHoursToFinalStatus,
      c.averageSatisfaction,
    ]),
  );
}

// ---- (c) service locations: offices and what is offered there in person ----
export async function locationsCsv(db: Queryable, links: LinkOptions): Promise<string> {
  const [refs, offered] = await Promise.all([loadLinkedDataRefs(db), servicesByOffice(db)]);
  const ids = iris(links.idBase);
  return toCsv(
    [
      'office_id',
      'kind',
      'name_lv',
      'name_en',
      'agency_id',
      'municipality_code',
      'municipality_name_lv',
      'address',
      'latitude',
      'longitude',
      'opening_hours',
      'services',
      'iri',
    ],
    [...refs.offices.values()].map((o) => [
      o.id,
      o.kind,
      o.name.lv,
      o.name.en,
      o.agencyId,
      o.municipalityCode,
      refs.municipalities.get(o.municipalityCode)?.lv,
      o.address,
      o.latitude,
      o.longitude,
      openingHoursSpec(o.openingHours).join('; '),
      (offered.get(o.id) ?? []).join(';'),
      ids.office(o.id),
    ]),
  );
}

// ---- (d) the taxonomy ----
export async function taxonomyCsv(db: Queryable, links: LinkOptions): Promise<string> {
  const ids = iris(links.idBase);
  const concepts = taxonomyConcepts(await loadLinkedDataRefs(db));
  return toCsv(
    ['scheme', 'code', 'label_lv', 'label_en', 'concept_iri', 'scheme_iri'],
    concepts.map((c) => [c.scheme, c.code, c.label.lv, c.label.en, ids.concept(c.scheme, c.code), ids.scheme(c.scheme)]),
  );
}
