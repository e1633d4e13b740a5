// The open datasets (catalogue, delivery statistics, service locations, taxonomy): their ids, formats and
// descriptions, and the content both formats of a dataset share. Each format is a module of its own (csv.ts,
// jsonld.ts); dcat.ts describes the datasets, render.ts picks the renderer.
import type { Text } from '../../../db/catalog/description';
import type { LinkedDataRefs } from '../../../db/catalog/reference-data';
import { OTHER_CHANNEL_LABEL } from '../jsonld';
import type { ThemeCode } from '../dcat-terms';
import { MIN_PUBLISHED_COUNT } from './statistics';

export const DATASET_IDS = ['public-services', 'service-statistics', 'service-locations', 'taxonomy'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];
export const FORMATS = {
  csv: { mediaType: 'text/csv', contentType: 'text/csv; charset=utf-8; header=present', fileType: 'CSV' },
  jsonld: { mediaType: 'application/ld+json', contentType: 'application/ld+json; charset=utf-8', fileType: 'JSON_LD' },
} as const;
export type FormatId = keyof typeof FORMATS;

export const DATASET_TEXTS: Record<DatasetId, { title: Text; description: Text; themes: ThemeCode[]; keywords: Text[] }> = {
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

export const datasetPath = (id: DatasetId, format: FormatId) => `/api/v1/open-data/datasets/${id}.${format}`;

// ---- the taxonomy: every classifier the catalogue uses ----
export const SCHEMES: Array<{ id: string; title: Text }> = [
  { id: 'thematic-area', title: { lv: 'Tematiskās jomas', en: 'Thematic areas' } },
  { id: 'life-event', title: { lv: 'Dzīves situācijas', en: 'Life events' } },
  { id: 'business-event', title: { lv: 'Uzņēmējdarbības situācijas', en: 'Business events' } },
  { id: 'channel', title: { lv: 'Pakalpojumu sniegšanas kanāli', en: 'Service delivery channels' } },
  { id: 'sector', title: { lv: 'Nozares (ministrijas)', en: 'Sectors (ministries)' } },
  { id: 'municipality', title: { lv: 'Pašvaldības (ATVK kodi)', en: 'Municipalities (ATVK codes)' } },
];

export function taxonomyConcepts(refs: LinkedDataRefs): Array<{ scheme: string; code: string; label: Text }> {
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
