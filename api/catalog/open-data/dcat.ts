// The DCAT-AP 3 catalogue document that describes the open datasets, with a distribution per format.
import type { Pool, PoolClient } from 'pg';
import type { Text } from '../../../db/catalog/description';
import { sourceDates } from '../../../db/catalog/open-data';
import { EU_AUTHORITY, flattenNodes, graphDocument, iris, langText, type LinkOptions } from '../jsonld';
import { languages, latvia, licence, nationalAuthority, stableAvailability, theme, themeTaxonomy } from '../dcat-terms';
import { DATASET_IDS, DATASET_TEXTS, FORMATS, datasetPath, type DatasetId, type FormatId } from './datasets';

type Queryable = Pool | PoolClient;
type Node = Record<string, unknown>;

const typed = (value: string | number, type: string) => ({ '@value': String(value), '@type': type });

/**
 * When each dataset first had data and last changed. The catalogue's change feed dates the catalogue, the locations'
 * offers and the classifiers it uses (offices and classifiers carry no change time of their own); the case register
 * its statistics.
 */
async function datasetDates(db: Queryable): Promise<Record<DatasetId, { first: Date | null; modified: Date | null }>> {
  const r = await sourceDates(db);
  const catalog = { first: r.catalogFirst, modified: r.catalogLast };
  return {
    'public-services': catalog,
    'service-statistics': { first: r.casesFirst, modified: r.casesLast },
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
