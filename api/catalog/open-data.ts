// The open datasets (catalogue, delivery statistics, service locations, taxonomy), each as CSV (RFC 4180, UTF-8,
// header row) and JSON-LD, and the DCAT-AP catalogue document that describes them. Everything here is public:
// the statistics suppress small counts so that no published figure points at a handful of people.
import type { Pool, PoolClient } from 'pg';
import type { ServiceDescription, Text } from '../../db/catalog/description';
import {
  EU_AUTHORITY,
  conceptNode,
  flattenNodes,
  graphDocument,
  iris,
  langText,
  loadLinkedDataRefs,
  loadPublished,
  municipalityNode,
  officeNode,
  openingHoursSpec,
  publicServiceNode,
  type LinkOptions,
  type LinkedDataRefs,
  OTHER_CHANNEL_LABEL,
} from './jsonld';
import { languages, latvia, licence, nationalAuthority, stableAvailability, theme, themeTaxonomy, type ThemeCode } from './dcat-terms';

type Queryable = Pool | PoolClient;
type Node = Record<string, unknown>;

/** Cells with fewer cases than this are not published, and no average is derived from fewer values. */
export const MIN_PUBLISHED_COUNT = 5;

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

const round = (v: number | null, digits: number) => (v === null ? null : Number(v.toFixed(digits)));
const typed = (value: string | number, type: string) => ({ '@value': String(value), '@type': type });

// ---- (a) the catalogue: every published service ----
function costRange(d: ServiceDescription): [number, number] {
  const costs = d.channels.map((c) => c.cost?.amountEur ?? 0); // the schema omits the cost when a channel is free
  return costs.length ? [Math.min(...costs), Math.max(...costs)] : [0, 0];
}

async function publicServicesCsv(db: Queryable, links: LinkOptions): Promise<string> {
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

async function publicServicesJsonLd(db: Queryable, links: LinkOptions): Promise<Node> {
  const [published, refs] = await Promise.all([loadPublished(db), loadLinkedDataRefs(db)]);
  return graphDocument(flattenNodes(published.map((p) => publicServiceNode(p, refs, links))), links.idBase);
}

// ---- (b) service delivery statistics from the case register ----
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
 * Per service × channel × month (registration month, Latvian time), over all municipalities and per municipality.
 * Drafts are not deliveries. The time to a final status runs to the first rejected/completed/withdrawn event.
 */
export async function serviceStatistics(db: Queryable): Promise<StatisticsCell[]> {
  const { rows } = await db.query(`
    WITH delivered AS (
      SELECT c.service_id, c.channel, c.municipality_code, c.price_eur, c.staff_minutes, c.satisfaction,
             to_char(c.registered_at AT TIME ZONE 'Europe/Riga', 'YYYY-MM') AS month,
             CASE WHEN f.at IS NULL THEN NULL ELSE GREATEST(0, EXTRACT(EPOCH FROM f.at - c.registered_at)) / 3600 END AS hours_to_final
        FROM cases c
        LEFT JOIN LATERAL (SELECT min(e.at) AS at FROM case_status_events e
                            WHERE e.case_id = c.id AND e.status IN ('rejected', 'completed', 'withdrawn')) f ON true
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
  suppressComplements(cells, new Map(rows.map((r, i) => [cells[i], r.cases as number])));
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

async function statisticsCsv(db: Queryable): Promise<string> {
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

/** An RDF Data Cube: one qb:Observation per cell; suppressed cells carry sdp:suppressed and no measures. */
async function statisticsJsonLd(db: Queryable, links: LinkOptions): Promise<Node> {
  const ids = iris(links.idBase);
  const [cells, refs] = await Promise.all([serviceStatistics(db), loadLinkedDataRefs(db)]);
  const dataset = ids.dataset('service-statistics');
  const measures: Array<[keyof StatisticsCell, string, string]> = [
    ['cases', 'sdp:caseCount', 'xsd:integer'],
    ['averagePriceEur', 'sdp:averagePriceEur', 'xsd:decimal'],
    ['averageStaffMinutes', 'sdp:averageStaffMinutes', 'xsd:decimal'],
    ['averageHoursToFinalStatus', 'sdp:averageHoursToFinalStatus', 'xsd:decimal'],
    ['averageSatisfaction', 'sdp:averageSatisfaction', 'xsd:decimal'],
  ];
  const observations = cells.map((c) => ({
    '@id': `${dataset}/observation/${c.serviceId}/${c.channel}/${c.month}/${c.municipalityCode ?? 'all'}`,
    '@type': 'qb:Observation',
    'qb:dataSet': { '@id': dataset },
    'sdp:service': { '@id': ids.service(c.serviceId) },
    'sdp:channel': { '@id': ids.concept('channel', c.channel) },
    'sdmx-dimension:refPeriod': typed(c.month, 'xsd:gYearMonth'),
    'sdmx-dimension:refArea': c.municipalityCode
      ? municipalityNode(ids, refs, c.municipalityCode)
      : { '@id': `${EU_AUTHORITY}country/LVA` },
    'sdp:suppressed': typed(String(c.suppressed), 'xsd:boolean'),
    ...Object.fromEntries(measures.filter(([k]) => c[k] !== null).map(([k, p, t]) => [p, typed(c[k] as number, t)])),
  }));
  const head = { '@id': dataset, '@type': 'qb:DataSet', 'dct:title': langText(DATASET_TEXTS['service-statistics'].title) };
  return graphDocument([head, ...flattenNodes(observations)], links.idBase);
}

// ---- (c) service locations: offices and what is offered there in person ----
async function servicesByOffice(db: Queryable): Promise<Map<string, string[]>> {
  const { rows } = await db.query(`
    SELECT office, array_agg(p.service_id ORDER BY p.service_id) AS services
      FROM catalog_published p, jsonb_array_elements(p.document->'channels') ch, jsonb_array_elements_text(ch->'offices') office
     WHERE ch->>'type' = 'in_person' GROUP BY office`);
  return new Map(rows.map((r) => [r.office, r.services]));
}

async function locationsCsv(db: Queryable, links: LinkOptions): Promise<string> {
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

async function locationsJsonLd(db: Queryable, links: LinkOptions): Promise<Node> {
  const [refs, offered] = await Promise.all([loadLinkedDataRefs(db), servicesByOffice(db)]);
  const ids = iris(links.idBase);
  const offices = [...refs.offices.values()].map((o) => ({
    ...officeNode(ids, o),
    ...(o.agencyId ? { 'sdp:agency': { '@id': ids.organisation(o.agencyId) } } : {}),
    'sdp:servicesOfferedInPerson': (offered.get(o.id) ?? []).map((s) => ({ '@id': ids.service(s) })),
  }));
  return graphDocument(offices, links.idBase);
}

// ---- (d) the taxonomy: every classifier the catalogue uses, as SKOS concept schemes ----
const SCHEMES: Array<{ id: string; title: Text }> = [
  { id: 'thematic-area', title: { lv: 'Tematiskās jomas', en: 'Thematic areas' } },
  { id: 'life-event', title: { lv: 'Dzīves situācijas', en: 'Life events' } },
  { id: 'business-event', title: { lv: 'Uzņēmējdarbības situācijas', en: 'Business events' } },
  { id: 'channel', title: { lv: 'Pakalpojumu sniegšanas kanāli', en: 'Service delivery channels' } },
  { id: 'sector', title: { lv: 'Nozares (ministrijas)', en: 'Sectors (ministries)' } },
  { id: 'municipality', title: { lv: 'Pašvaldības (ATVK kodi)', en: 'Municipalities (ATVK codes)' } },
];

function taxonomyConcepts(refs: LinkedDataRefs): Array<{ scheme: string; code: string; label: Text }> {
  const out = [...refs.concepts.entries()].map(([key, label]) => {
    const [scheme, code] = key.split('/');
    return { scheme, code, label };
  });
  if (!refs.concepts.has('channel/other')) out.push({ scheme: 'channel', code: 'other', label: OTHER_CHANNEL_LABEL });
  for (const s of refs.sectors.values()) out.push({ scheme: 'sector', code: s.id, label: s.name });
  for (const [code, label] of refs.municipalities) out.push({ scheme: 'municipality', code, label });
  const order = SCHEMES.map((s) => s.id);
  return out.sort((a, b) => order.indexOf(a.scheme) - order.indexOf(b.scheme) || a.code.localeCompare(b.code));
}

async function taxonomyCsv(db: Queryable, links: LinkOptions): Promise<string> {
  const ids = iris(links.idBase);
  const concepts = taxonomyConcepts(await loadLinkedDataRefs(db));
  return toCsv(
    ['scheme', 'code', 'label_lv', 'label_en', 'concept_iri', 'scheme_iri'],
    concepts.map((c) => [c.scheme, c.code, c.label.lv, c.label.en, ids.concept(c.scheme, c.code), ids.scheme(c.scheme)]),
  );
}

async function taxonomyJsonLd(db: Queryable, links: LinkOptions): Promise<Node> {
  const ids = iris(links.idBase);
  const concepts = taxonomyConcepts(await loadLinkedDataRefs(db));
  const schemes = SCHEMES.map((s) => ({
    '@id': ids.scheme(s.id),
    '@type': 'skos:ConceptScheme',
    'dct:identifier': s.id,
    'dct:title': langText(s.title),
    'skos:prefLabel': langText(s.title),
    'skos:hasTopConcept': concepts.filter((c) => c.scheme === s.id).map((c) => ({ '@id': ids.concept(c.scheme, c.code) })),
  }));
  const nodes = concepts.map((c) => ({
    ...conceptNode(ids, c.scheme, c.code, c.label),
    'skos:topConceptOf': { '@id': ids.scheme(c.scheme) },
  }));
  return graphDocument([...schemes, ...nodes], links.idBase);
}

// ---- the datasets and their DCAT-AP description ----
export const DATASET_IDS = ['public-services', 'service-statistics', 'service-locations', 'taxonomy'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];
export const FORMATS = {
  csv: { mediaType: 'text/csv', contentType: 'text/csv; charset=utf-8; header=present', fileType: 'CSV' },
  jsonld: { mediaType: 'application/ld+json', contentType: 'application/ld+json; charset=utf-8', fileType: 'JSON_LD' },
} as const;
export type FormatId = keyof typeof FORMATS;

const DATASET_TEXTS: Record<DatasetId, { title: Text; description: Text; themes: ThemeCode[]; keywords: Text[] }> = {
  'public-services': {
    title: { lv: 'Publisko pakalpojumu katalogs', en: 'Public service catalogue' },
    description: {
      lv: 'Visi publicētie valsts un pašvaldību pakalpojumu apraksti (CPSV-AP 3.2) ar kanāliem, izmaksām un termiņiem.',
      en: 'Every published description of a state or municipal service (CPSV-AP 3.2) with its channels, costs and processing times.',
    },
    themes: ['GOVE'],
    keywords: [
      { lv: 'pakalpojumi', en: 'services' },
      { lv: 'katalogs', en: 'catalogue' },
    ],
  },
  'service-statistics': {
    title: { lv: 'Pakalpojumu sniegšanas statistika', en: 'Service delivery statistics' },
    description: {
      lv: `Pakalpojumu sniegšanas gadījumi pa pakalpojumiem, kanāliem, mēnešiem un pašvaldībām: skaits, vidējā cena, darba laiks, izpildes laiks un apmierinātība. Šūnas ar mazāk nekā ${MIN_PUBLISHED_COUNT} gadījumiem netiek publicētas.`,
      en: `Service delivery cases by service, channel, month and municipality: count, average price, staff time, time to a final status and satisfaction. Cells with fewer than ${MIN_PUBLISHED_COUNT} cases are suppressed.`,
    },
    themes: ['GOVE', 'SOCI'],
    keywords: [
      { lv: 'statistika', en: 'statistics' },
      { lv: 'pakalpojumi', en: 'services' },
    ],
  },
  'service-locations': {
    title: { lv: 'Klientu apkalpošanas vietas', en: 'Service locations' },
    description: {
      lv: 'Klientu apkalpošanas centri ar adresēm, koordinātām, darba laiku un klātienē pieejamajiem pakalpojumiem.',
      en: 'Customer service centres with their addresses, coordinates, opening hours and the services offered there in person.',
    },
    themes: ['GOVE', 'REGI'],
    keywords: [
      { lv: 'klientu centri', en: 'customer centres' },
      { lv: 'adreses', en: 'addresses' },
    ],
  },
  taxonomy: {
    title: { lv: 'Pakalpojumu kataloga klasifikatori', en: 'Service catalogue classifiers' },
    description: {
      lv: 'Tematiskās jomas, dzīves un uzņēmējdarbības situācijas, kanāli, nozares un pašvaldības kā SKOS konceptu shēmas.',
      en: 'Thematic areas, life and business events, channels, sectors and municipalities as SKOS concept schemes.',
    },
    themes: ['GOVE'],
    keywords: [
      { lv: 'klasifikatori', en: 'classifiers' },
      { lv: 'taksonomija', en: 'taxonomy' },
    ],
  },
};

const RENDERERS: Record<DatasetId, Record<FormatId, (db: Queryable, links: LinkOptions) => Promise<string | Node>>> = {
  'public-services': { csv: publicServicesCsv, jsonld: publicServicesJsonLd },
  'service-statistics': { csv: statisticsCsv, jsonld: statisticsJsonLd },
  'service-locations': { csv: locationsCsv, jsonld: locationsJsonLd },
  taxonomy: { csv: taxonomyCsv, jsonld: taxonomyJsonLd },
};

/** A dataset in one format, as the text to send. */
export async function renderDataset(db: Queryable, id: DatasetId, format: FormatId, links: LinkOptions): Promise<string> {
  const out = await RENDERERS[id][format](db, links);
  return typeof out === 'string' ? out : JSON.stringify(out);
}

export const datasetPath = (id: DatasetId, format: FormatId) => `/api/v1/open-data/datasets/${id}.${format}`;

/**
 * When each dataset first had data and last changed. The catalogue's change feed dates the catalogue, the locations'
 * offers and the classifiers it uses (offices and classifiers carry no change time of their own); the case register
 * its statistics.
 */
async function datasetDates(db: Queryable): Promise<Record<DatasetId, { first: Date | null; modified: Date | null }>> {
  const {
    rows: [r],
  } = await db.query(`SELECT (SELECT min(at) FROM catalog_changes) AS catalog_first, (SELECT max(at) FROM catalog_changes) AS catalog,
    (SELECT min(registered_at) FROM cases WHERE status <> 'draft') AS cases_first, (SELECT max(updated_at) FROM cases) AS cases`);
  const catalog = { first: r.catalog_first as Date | null, modified: r.catalog as Date | null };
  return {
    'public-services': catalog,
    'service-statistics': { first: r.cases_first, modified: r.cases },
    'service-locations': catalog,
    taxonomy: catalog,
  };
}

const PUBLISHER: Text = {
  lv: 'Viedās administrācijas un reģionālās attīstības ministrija',
  en: 'Ministry of Smart Administration and Regional Development',
};
const CONTACT = {
  '@type': ['vcard:Kind', 'vcard:Organization'],
  'vcard:fn': PUBLISHER.lv,
  'vcard:hasEmail': { '@id': 'mailto:pasts@varam.gov.lv' },
  'vcard:hasURL': { '@id': 'https://www.varam.gov.lv/' },
};
/** The DCAT-AP 3 catalogue of the open datasets, with a distribution per format. */
export async function dcatCatalog(db: Queryable, links: LinkOptions): Promise<Node> {
  const ids = iris(links.idBase);
  const dates = await datasetDates(db);
  const dateTime = (d: Date | null, property = 'dct:modified') =>
    d ? { [property]: typed(new Date(d).toISOString(), 'xsd:dateTime') } : {};
  // The period the data covers: from its first record (the platform's first publication when there is none yet) to
  // its last change.
  const day = (d: Date) => typed(new Date(d).toISOString().slice(0, 10), 'xsd:date');
  const temporal = (from: Date | null, to: Date | null) =>
    from
      ? { 'dct:temporal': { '@type': 'dct:PeriodOfTime', 'dcat:startDate': day(from), ...(to ? { 'dcat:endDate': day(to) } : {}) } }
      : {};
  const publisher = {
    '@id': ids.organisation('varam'),
    '@type': 'foaf:Agent',
    'dct:identifier': 'VARAM',
    'foaf:name': langText(PUBLISHER),
    'dct:title': langText(PUBLISHER),
    'dct:type': nationalAuthority,
  };
  const datasets = DATASET_IDS.map((id) => {
    const texts = DATASET_TEXTS[id];
    const { first, modified } = dates[id];
    return {
      '@id': ids.dataset(id),
      '@type': 'dcat:Dataset',
      'dct:identifier': id,
      'dct:title': langText(texts.title),
      'dct:description': langText(texts.description),
      'dcat:keyword': texts.keywords.flatMap(langText),
      'dct:publisher': publisher,
      'dcat:contactPoint': { '@id': `${ids.organisation('varam')}/contact`, ...CONTACT },
      'dct:license': licence,
      'dct:spatial': latvia,
      'dcat:theme': texts.themes.map(theme),
      ...temporal(first ?? dates['public-services'].first, modified ?? dates['public-services'].modified),
      ...dateTime(modified),
      'dcat:distribution': (Object.keys(FORMATS) as FormatId[]).map((f) => ({
        '@id': `${ids.dataset(id)}/distribution/${f}`,
        '@type': 'dcat:Distribution',
        'dct:title': langText({ lv: `${texts.title.lv} (${FORMATS[f].fileType})`, en: `${texts.title.en} (${FORMATS[f].fileType})` }),
        'dct:description': langText({
          lv: `${texts.title.lv}, ${FORMATS[f].fileType} formātā, vienmēr aktuāls.`,
          en: `${texts.title.en} as ${FORMATS[f].fileType}, always current.`,
        }),
        'dcat:downloadURL': { '@id': `${links.portalOrigin}${datasetPath(id, f)}` },
        'dcat:accessURL': { '@id': `${links.portalOrigin}${datasetPath(id, f)}` },
        'dcat:mediaType': { '@id': `http://www.iana.org/assignments/media-types/${FORMATS[f].mediaType}`, '@type': 'dct:MediaType' },
        'dct:format': { '@id': `${EU_AUTHORITY}file-type/${FORMATS[f].fileType}`, '@type': 'dct:MediaTypeOrExtent' },
        'dct:license': licence,
        'dcatap:availability': stableAvailability,
        ...dateTime(modified),
        ...(id === 'public-services' && f === 'jsonld'
          ? { 'dct:conformsTo': { '@id': 'https://semiceu.github.io/CPSV-AP/releases/3.2.0/', '@type': 'dct:Standard' } }
          : {}),
      })),
    };
  });
  const latest =
    Object.values(dates)
      .map((d) => d.modified)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => +new Date(b) - +new Date(a))[0] ?? null;
  const earliest =
    Object.values(dates)
      .map((d) => d.first)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => +new Date(a) - +new Date(b))[0] ?? null;
  return graphDocument(
    flattenNodes([
      {
        '@id': `${links.idBase}open-data/catalog`,
        '@type': 'dcat:Catalog',
        'dct:title': langText({ lv: 'Pakalpojumu sniegšanas platformas atvērtie dati', en: 'Open data of the service delivery platform' }),
        'dct:description': langText({
          lv: 'Publisko pakalpojumu katalogs, sniegšanas statistika, apkalpošanas vietas un klasifikatori.',
          en: 'The public service catalogue, delivery statistics, service locations and classifiers.',
        }),
        'dct:publisher': publisher,
        'dct:license': licence,
        'dct:language': languages,
        'dct:spatial': latvia,
        'dcat:themeTaxonomy': themeTaxonomy,
        'foaf:homepage': { '@id': `${links.portalOrigin}/`, '@type': 'foaf:Document' },
        ...dateTime(earliest, 'dct:issued'),
        ...dateTime(latest),
        'dcat:dataset': datasets,
      },
    ]),
    links.idBase,
  );
}
