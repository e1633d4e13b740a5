// A published service as CPSV-AP 3.2 JSON-LD (cpsv:PublicService), conforming to the SEMIC SHACL shapes
// (forms/shapes/cpsv-ap-3.2.0-SHACL.ttl, a copy of the standard's file; test/api/catalog/jsonld.test.ts checks every seeded service).
// Every node gets a stable IRI under a configurable base, so republished copies and open datasets link up.
// The shapes check sh:class against the data graph itself: every linked node therefore carries its own @type.
import type { ChannelDescription, DescribedItem, ServiceDescription, Text } from '../../db/catalog/description';
import type { LinkedDataRefs, OfficeInfo, OpeningHours } from '../../db/catalog/reference-data';
import type { PublishedService } from '../../db/catalog/published';
type Node = Record<string, unknown>;

export const DEFAULT_ID_BASE = 'https://sdp.gov.lv/id/';

/** The IRI base from LINKED_DATA_ID_BASE (absolute http(s), ending in '/'), else the national default. */
export function idBaseFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.LINKED_DATA_ID_BASE;
  if (!base) return DEFAULT_ID_BASE;
  if (!/^https?:\/\/[^\s]+\/$/.test(base))
    throw new Error(`LINKED_DATA_ID_BASE must be an absolute http(s) IRI ending in '/', got "${base}"`);
  return base;
}

export const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority/';

export function ldContext(idBase: string) {
  return {
    cpsv: 'http://purl.org/vocab/cpsv#',
    cv: 'http://data.europa.eu/m8g/',
    dct: 'http://purl.org/dc/terms/',
    dcat: 'http://www.w3.org/ns/dcat#',
    skos: 'http://www.w3.org/2004/02/skos/core#',
    eli: 'http://data.europa.eu/eli/ontology#',
    foaf: 'http://xmlns.com/foaf/0.1/',
    locn: 'http://www.w3.org/ns/locn#',
    time: 'http://www.w3.org/2006/time#',
    schema: 'http://schema.org/',
    gsp: 'http://www.opengis.net/ont/geosparql#',
    owl: 'http://www.w3.org/2002/07/owl#',
    rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
    xsd: 'http://www.w3.org/2001/XMLSchema#',
    qb: 'http://purl.org/linked-data/cube#',
    'sdmx-dimension': 'http://purl.org/linked-data/sdmx/2009/dimension#',
    vcard: 'http://www.w3.org/2006/vcard/ns#',
    dcatap: 'http://data.europa.eu/r5r/',
    sdp: `${idBase}def/`,
  };
}

/** The IRIs of everything the platform names; concepts of every scheme (taxonomy, sector, municipality) alike. */
export function iris(base: string) {
  const service = (id: string) => `${base}service/${id}`;
  return {
    service,
    channel: (id: string, type: string) => `${service(id)}/channel/${type}`,
    part: (id: string, kind: string, partId: string) => `${service(id)}/${kind}/${encodeURIComponent(partId)}`,
    scheme: (scheme: string) => `${base}concept-scheme/${scheme}`,
    concept: (scheme: string, code: string) => `${base}concept/${scheme}/${encodeURIComponent(code)}`,
    event: (scheme: string, code: string) => `${base}event/${scheme}/${encodeURIComponent(code)}`,
    organisation: (id: string) => `${base}organisation/${id}`,
    office: (id: string) => `${base}office/${id}`,
    legalResource: (id: string) => `${base}legal-resource/${encodeURIComponent(id)}`,
    dataset: (id: string) => `${base}dataset/${id}`,
  };
}
export type Iris = ReturnType<typeof iris>;

// ---- small builders ----
export const langText = (t: Text | undefined): Node[] =>
  t ? (['lv', 'en'] as const).filter((l) => t[l]?.trim()).map((l) => ({ '@value': t[l], '@language': l })) : [];
const lvText = (s: string) => ({ '@value': s, '@language': 'lv' });
const typed = (value: string, type: string) => ({ '@value': value, '@type': type });
const ref = (iri: string) => ({ '@id': iri });

const COUNTRY_LATVIA = {
  '@id': `${EU_AUTHORITY}country/LVA`,
  '@type': 'dct:Location',
  'skos:prefLabel': langText({ lv: 'Latvija', en: 'Latvia' }),
};
const EURO = { '@id': `${EU_AUTHORITY}currency/EUR`, '@type': 'skos:Concept', 'skos:prefLabel': { '@value': 'euro', '@language': 'en' } };
const LANGUAGES = [
  { '@id': `${EU_AUTHORITY}language/LAV`, '@type': 'dct:LinguisticSystem' },
  { '@id': `${EU_AUTHORITY}language/ENG`, '@type': 'dct:LinguisticSystem' },
];
/** The case register's channel outside the catalogue's five (consultations, imports from older systems). */
export const OTHER_CHANNEL_LABEL: Text = { lv: 'Cits kanāls', en: 'Other channel' };

/** xsd:duration has no weeks: ISO 8601 "P2W" becomes "P14D". */
export function toXsdDuration(iso: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(T.*)?$/.exec(iso);
  if (!m || m[3] === undefined) return iso;
  const days = Number(m[3]) * 7 + Number(m[4] ?? 0);
  return `P${m[1] ? `${m[1]}Y` : ''}${m[2] ? `${m[2]}M` : ''}${days}D${m[5] ?? ''}`;
}

const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const DAYS_LV = ['P', 'O', 'T', 'C', 'Pk', 'S', 'Sv'];
/** Opening hours as schema.org openingHours strings ("Mo-Fr 08:30-17:00"), consecutive days with equal hours joined. */
export function openingHoursSpec(hours: OpeningHours[], dayNames = DAYS): string[] {
  const sorted = [...hours].sort((a, b) => DAYS.indexOf(a.day) - DAYS.indexOf(b.day));
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (
      j + 1 < sorted.length &&
      DAYS.indexOf(sorted[j + 1].day) === DAYS.indexOf(sorted[j].day) + 1 &&
      sorted[j + 1].opens === sorted[i].opens &&
      sorted[j + 1].closes === sorted[i].closes
    )
      j += 1;
    const name = (d: string) => dayNames[DAYS.indexOf(d)] ?? d;
    out.push(`${name(sorted[i].day)}${j > i ? `-${name(sorted[j].day)}` : ''} ${sorted[i].opens}-${sorted[i].closes}`);
    i = j + 1;
  }
  return out;
}

export function conceptNode(ids: Iris, scheme: string, code: string, label: Text | undefined): Node {
  return {
    '@id': ids.concept(scheme, code),
    '@type': 'skos:Concept',
    'skos:notation': code,
    'skos:prefLabel': langText(label ?? { lv: code, en: code }),
    'skos:inScheme': ref(ids.scheme(scheme)),
  };
}

export function municipalityNode(ids: Iris, refs: LinkedDataRefs, code: string): Node {
  return { ...conceptNode(ids, 'municipality', code, refs.municipalities.get(code)), '@type': ['skos:Concept', 'dct:Location'] };
}

/** An office as a contact point: where it is (address, coordinates) and when it is open. */
export function officeNode(ids: Iris, office: OfficeInfo): Node {
  const iri = ids.office(office.id);
  const postCode = /LV-\d{4}/.exec(office.address)?.[0];
  const node: Node = {
    '@id': iri,
    '@type': 'cv:ContactPoint',
    'dct:identifier': office.id,
    'rdfs:label': langText(office.name),
    'locn:address': {
      '@id': `${iri}/address`,
      '@type': 'locn:Address',
      'locn:fullAddress': lvText(office.address),
      ...(postCode ? { 'locn:postCode': postCode } : {}),
    },
    'dct:spatial': ref(ids.concept('municipality', office.municipalityCode)),
  };
  if (office.latitude !== null && office.longitude !== null) {
    node['locn:location'] = {
      '@id': `${iri}/location`,
      '@type': 'dct:Location',
      'locn:geometry': typed(`POINT(${office.longitude} ${office.latitude})`, 'gsp:wktLiteral'),
    };
  }
  if (office.openingHours.length > 0) {
    node['cv:openingHours'] = {
      '@id': `${iri}/opening-hours`,
      '@type': 'time:TemporalEntity',
      'schema:openingHours': openingHoursSpec(office.openingHours),
      'dct:description': langText({
        lv: openingHoursSpec(office.openingHours, DAYS_LV).join('; '),
        en: openingHoursSpec(office.openingHours).join('; '),
      }),
    };
  }
  return node;
}

function agencyNode(ids: Iris, refs: LinkedDataRefs, agencyId: string): Node {
  const agency = refs.agencies.get(agencyId);
  if (!agency) throw new Error(`agency ${agencyId} is missing from the reference data`);
  // A municipality's authority covers its territory; a state agency the whole country.
  const spatial = agency.municipalityCode ? municipalityNode(ids, refs, agency.municipalityCode) : COUNTRY_LATVIA;
  return {
    '@id': ids.organisation(agency.id),
    '@type': 'cv:PublicOrganisation',
    'dct:identifier': agency.registrationNumber,
    'skos:prefLabel': langText(agency.name),
    'dct:spatial': spatial,
  };
}

function describedItem(ids: Iris, serviceId: string, kind: string, type: string, item: DescribedItem): Node {
  return {
    '@id': ids.part(serviceId, kind, item.id),
    '@type': type,
    'dct:identifier': item.id,
    'dct:title': langText(item.name),
    ...(item.description ? { 'dct:description': langText(item.description) } : {}),
  };
}

function stepsText(steps: Text[]): Text {
  const numbered = (l: 'lv' | 'en') => steps.map((s, i) => (steps.length > 1 ? `${i + 1}. ${s[l]}` : s[l])).join('\n');
  return { lv: numbered('lv'), en: numbered('en') };
}

export interface LinkOptions {
  idBase: string;
  portalOrigin: string;
}

/** The channel, its contact points (each also listed on the service) and its cost (linked from the service). */
function channelNodes(ids: Iris, refs: LinkedDataRefs, d: ServiceDescription, ch: ChannelDescription, portalOrigin: string) {
  const iri = ids.channel(d.id, ch.type);
  const contactPoints: Node[] = [];
  if (ch.type === 'in_person') {
    for (const officeId of ch.offices ?? []) {
      const office = refs.offices.get(officeId);
      if (office) contactPoints.push(officeNode(ids, office));
    }
  }
  const hours = ch.hours
    ? { '@id': `${iri}/opening-hours`, '@type': 'time:TemporalEntity', 'dct:description': langText(ch.hours) }
    : undefined;
  if (ch.phone || ch.email || ch.postalAddress) {
    contactPoints.push({
      '@id': `${iri}/contact-point`,
      '@type': 'cv:ContactPoint',
      ...(ch.phone ? { 'cv:telephone': ch.phone } : {}),
      ...(ch.email ? { 'cv:email': ch.email } : {}),
      ...(ch.postalAddress
        ? { 'locn:address': { '@id': `${iri}/address`, '@type': 'locn:Address', 'locn:fullAddress': lvText(ch.postalAddress) } }
        : {}),
      ...(hours ? { 'cv:openingHours': ref(hours['@id']) } : {}),
    });
  }
  const channel: Node = {
    '@id': iri,
    '@type': 'cv:Channel',
    'dct:identifier': `${d.id}/${ch.type}`,
    'dct:type': conceptNode(ids, 'channel', ch.type, refs.concepts.get(`channel/${ch.type}`)),
    'dct:description': langText(stepsText(ch.steps)),
    'cv:processingTime': typed(toXsdDuration(ch.processingTime), 'xsd:duration'),
    'cpsv:hasInput': ch.evidence.map((e) => ref(ids.part(d.id, 'evidence', e))),
    ...(hours ? { 'cv:openingHours': hours } : {}),
    ...(contactPoints.length ? { 'cv:contactPoint': contactPoints.map((c) => ref(c['@id'] as string)) } : {}),
    ...(ch.eserviceUrl ? { 'foaf:page': { '@id': new URL(ch.eserviceUrl, portalOrigin).href, '@type': 'foaf:Document' } } : {}),
  };
  const cost: Node | undefined = ch.cost && {
    '@id': `${iri}/cost`,
    '@type': 'cv:Cost',
    'dct:identifier': `${d.id}/${ch.type}/cost`,
    'cv:hasValue': typed(ch.cost.amountEur.toFixed(2), 'xsd:double'),
    'cv:currency': EURO,
    'cv:ifAccessedThrough': ref(iri),
    ...(ch.cost.description ? { 'dct:description': langText(ch.cost.description) } : {}),
  };
  return { channel, contactPoints, cost };
}

/** One published service as a cpsv:PublicService node (without @context; see cpsvDocument). */
export function publicServiceNode(p: PublishedService, refs: LinkedDataRefs, opts: LinkOptions): Node {
  const ids = iris(opts.idBase);
  const d = p.document;
  const concept = (scheme: string, code: string) => conceptNode(ids, scheme, code, refs.concepts.get(`${scheme}/${code}`));
  const event = (scheme: 'life-event' | 'business-event', type: string, code: string) => ({
    '@id': ids.event(scheme, code),
    '@type': [type, 'cv:Event'],
    'dct:identifier': code,
    'dct:title': langText(refs.concepts.get(`${scheme}/${code}`) ?? { lv: code, en: code }),
    'dct:type': concept(scheme, code),
  });
  const channels = d.channels.map((ch) => channelNodes(ids, refs, d, ch, opts.portalOrigin));
  const sector = refs.sectors.get(d.sector);
  const contactPoints = new Map(channels.flatMap((c) => c.contactPoints).map((c) => [c['@id'] as string, c]));
  const processingTimes = [...new Set(d.channels.map((c) => toXsdDuration(c.processingTime)))];

  return {
    '@id': ids.service(d.id),
    '@type': 'cpsv:PublicService',
    'dct:identifier': d.id,
    'dct:title': langText(d.title),
    'dct:description': langText(d.description),
    'dct:language': LANGUAGES,
    'cv:hasCompetentAuthority': agencyNode(ids, refs, p.agencyId),
    'cv:sector': { ...conceptNode(ids, 'sector', d.sector, sector?.name), ...(sector ? { 'skos:altLabel': sector.ministryCode } : {}) },
    'cv:thematicArea': d.thematicAreas.map((c) => concept('thematic-area', c)),
    'cv:isGroupedBy': [
      ...d.lifeEvents.map((c) => event('life-event', 'cv:LifeEvent', c)),
      ...d.businessEvents.map((c) => event('business-event', 'cv:BusinessEvent', c)),
    ],
    'dcat:keyword': [...d.keywords.lv.map(lvText), ...d.keywords.en.map((k) => ({ '@value': k, '@language': 'en' }))],
    'cv:holdsRequirement': d.requirements.map((r) => describedItem(ids, d.id, 'requirement', 'cv:Requirement', r)),
    'cpsv:hasInput': d.evidence.map((e) => describedItem(ids, d.id, 'evidence', 'cv:Evidence', e)),
    'cpsv:produces': d.outputs.map((o) => describedItem(ids, d.id, 'output', 'cv:Output', o)),
    'cv:hasLegalResource': d.legalBasis.map((l) => ({
      '@id': ids.legalResource(l.id),
      '@type': 'eli:LegalResource',
      'dct:identifier': l.id,
      'dct:title': langText(l.title),
      ...(l.url ? { 'foaf:page': { '@id': l.url, '@type': 'foaf:Document' } } : {}),
    })),
    'dct:relation': d.relatedServices.map((s) => ref(ids.service(s))),
    'dct:spatial': d.municipalities.length ? d.municipalities.map((m) => municipalityNode(ids, refs, m)) : [COUNTRY_LATVIA],
    'cv:hasChannel': channels.map((c) => c.channel),
    'cv:hasCost': channels.flatMap((c) => (c.cost ? [c.cost] : [])),
    'cv:contactPoint': [...contactPoints.values()],
    // The service's processing time only when every channel takes the same (the shape allows one).
    ...(processingTimes.length === 1 ? { 'cv:processingTime': typed(processingTimes[0], 'xsd:duration') } : {}),
    'owl:versionInfo': String(p.version),
    'dct:modified': typed(new Date(p.publishedAt).toISOString(), 'xsd:dateTime'),
  };
}

/** One service as a JSON-LD document (the service is the top node). */
export function cpsvDocument(node: Node, idBase: string): Node {
  return { '@context': ldContext(idBase), ...node };
}

/** Many nodes (a whole catalogue, a dataset) as one JSON-LD document. */
export function graphDocument(nodes: Node[], idBase: string): Node {
  return { '@context': ldContext(idBase), '@graph': nodes };
}

/**
 * A flattened graph: every node with an @id appears once, with the properties of all its occurrences merged, and is
 * referenced by @id elsewhere. A whole catalogue embeds the same agencies, concepts and offices hundreds of times.
 */
export function flattenNodes(roots: Node[]): Node[] {
  const byId = new Map<string, Node>();
  const merge = (target: Node, key: string, value: unknown) => {
    if (!(key in target)) {
      target[key] = value;
      return;
    }
    const before = ([] as unknown[]).concat(target[key]);
    const seen = new Set(before.map((v) => JSON.stringify(v)));
    const added = ([] as unknown[]).concat(value).filter((v) => !seen.has(JSON.stringify(v)));
    if (added.length) target[key] = [...before, ...added];
  };
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (!value || typeof value !== 'object' || '@value' in value) return value;
    const node = value as Node;
    const id = node['@id'];
    if (typeof id !== 'string') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
    let target = byId.get(id);
    if (!target) byId.set(id, (target = { '@id': id }));
    for (const [k, v] of Object.entries(node)) if (k !== '@id') merge(target, k, visit(v));
    return { '@id': id };
  };
  roots.forEach(visit);
  return [...byId.values()].filter((n) => Object.keys(n).length > 1); // bare references carry no statements
}
