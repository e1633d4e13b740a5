// The open datasets as JSON-LD: CPSV-AP public services, an RDF Data Cube of the statistics, the offices with what
// they offer in person, and the classifiers as SKOS concept schemes.
import type { Pool, PoolClient } from 'pg';
import { loadPublished, servicesByOffice } from '../../../db/catalog/published';
import { loadLinkedDataRefs } from '../../../db/catalog/reference-data';
import {
  EU_AUTHORITY,
  conceptNode,
  flattenNodes,
  graphDocument,
  iris,
  langText,
  municipalityNode,
  officeNode,
  publicServiceNode,
  type LinkOptions,
} from '../jsonld';
import { DATASET_TEXTS, SCHEMES, taxonomyConcepts } from './datasets';
import { serviceStatistics, type StatisticsCell } from './statistics';

type Queryable = Pool | PoolClient;
type Node = Record<string, unknown>;

const typed = (value: string | number, type: string) => ({ '@value': String(value), '@type': type });

// ---- (a) the catalogue: every published service ----
export async function publicServicesJsonLd(db: Queryable, links: LinkOptions): Promise<Node> {
  const [published, refs] = await Promise.all([loadPublished(db), loadLinkedDataRefs(db)]);
  return graphDocument(flattenNodes(published.map((p) => publicServiceNode(p, refs, links))), links.idBase);
}

// ---- (b) service delivery statistics ----
export /** An RDF Data Cube: one qb:Observation per cell; suppressed cells carry sdp:suppressed and no measures. */
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

// ---- (c) service locations ----
export async function locationsJsonLd(db: Queryable, links: LinkOptions): Promise<Node> {
  const [refs, offered] = await Promise.all([loadLinkedDataRefs(db), servicesByOffice(db)]);
  const ids = iris(links.idBase);
  const offices = [...refs.offices.values()].map((o) => ({
    ...officeNode(ids, o),
    ...(o.agencyId ? { 'sdp:agency': { '@id': ids.organisation(o.agencyId) } } : {}),
    'sdp:servicesOfferedInPerson': (offered.get(o.id) ?? []).map((s) => ({ '@id': ids.service(s) })),
  }));
  return graphDocument(offices, links.idBase);
}

// ---- (d) the taxonomy ----
export async function taxonomyJsonLd(db: Queryable, links: LinkOptions): Promise<Node> {
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
