// The terms of the EU controlled vocabularies that the DCAT-AP 3 description of the open data uses, as typed nodes
// with their labels. DCAT-AP checks each node's class and label in the data itself (the vocabularies are not
// dereferenced), so every reference carries them: a language is a dct:LinguisticSystem, a theme a skos:Concept with
// its skos:prefLabel, and so on. IRIs and labels are the ones the Publications Office publishes.
import { EU_AUTHORITY, langText } from './jsonld';
import type { Text } from '../../db/catalog/description';

type Node = Record<string, unknown>;
const label = langText;
const concept = (iri: string, t: Text, scheme?: string): Node => ({
  '@id': iri,
  '@type': 'skos:Concept',
  'skos:prefLabel': label(t),
  ...(scheme ? { 'skos:inScheme': { '@id': scheme } } : {}),
});

export const DATA_THEME_SCHEME = `${EU_AUTHORITY}data-theme`;
const THEMES: Record<string, Text> = {
  GOVE: { lv: 'Valdība un sabiedriskais sektors', en: 'Government and public sector' },
  SOCI: { lv: 'Iedzīvotāji un sabiedrība', en: 'Population and society' },
  REGI: { lv: 'Reģioni un pilsētas', en: 'Regions and cities' },
};
export type ThemeCode = keyof typeof THEMES;
export const theme = (code: ThemeCode): Node => concept(`${DATA_THEME_SCHEME}/${code}`, THEMES[code], DATA_THEME_SCHEME);
export const themeTaxonomy: Node = {
  '@id': DATA_THEME_SCHEME,
  '@type': 'skos:ConceptScheme',
  'dct:title': label({ lv: 'Datu tēmas', en: 'Data theme' }),
};

export const languages: Node[] = [
  { '@id': `${EU_AUTHORITY}language/LAV`, '@type': 'dct:LinguisticSystem' },
  { '@id': `${EU_AUTHORITY}language/ENG`, '@type': 'dct:LinguisticSystem' },
];

export const licence: Node = {
  '@id': `${EU_AUTHORITY}licence/CC_BY_4_0`,
  '@type': 'dct:LicenseDocument',
  'dct:type': concept('http://purl.org/adms/licencetype/Attribution', { lv: 'Atsauce uz autoru', en: 'Attribution' }),
};

/** Latvia, with its bounding box and centroid (WGS 84, longitude latitude). */
export const latvia: Node = {
  '@id': `${EU_AUTHORITY}country/LVA`,
  '@type': 'dct:Location',
  'dcat:bbox': { '@value': 'POLYGON((20.97 55.67, 28.24 55.67, 28.24 58.09, 20.97 58.09, 20.97 55.67))', '@type': 'gsp:wktLiteral' },
  'dcat:centroid': { '@value': 'POINT(24.60 56.88)', '@type': 'gsp:wktLiteral' },
};

export const nationalAuthority: Node = concept('http://purl.org/adms/publishertype/NationalAuthority', {
  lv: 'Valsts iestāde',
  en: 'National authority',
});
/** The datasets are produced continuously by the platform: available for the long term. */
export const stableAvailability: Node = concept(`${EU_AUTHORITY}planned-availability/STABLE`, { lv: 'Stabila', en: 'Stable' });
