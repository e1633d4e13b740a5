// Parses a UBL invoice with a real XML parser for assertions: well-formedness first, then a plain object tree
// (attributes as '@_name', the text of an element with attributes as '#text', every value a string).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const REPEATED = new Set(['TaxSubtotal', 'InvoiceLine', 'PartyIdentification', 'PaymentMeans']);

export function parseUbl(xml: string): any {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    removeNSPrefix: true,
    isArray: (name) => REPEATED.has(name),
  });
  return parser.parse(xml).Invoice;
}

/** The order of the root's child elements, with their namespace prefixes. */
export function rootChildren(xml: string): string[] {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false });
  const tree = parser.parse(xml) as any[];
  const invoice = tree.find((n) => 'Invoice' in n);
  return (invoice.Invoice as any[]).map((n) => Object.keys(n).find((k) => k !== ':@')!);
}

/** The text of an element, with or without attributes. */
export const text = (node: any): string => (typeof node === 'object' && node !== null ? node['#text'] : node);
/** An amount in cents, asserting its currencyID. */
export function cents(node: any): number {
  if (node?.['@_currencyID'] !== 'EUR') throw new Error(`amount without currencyID="EUR": ${JSON.stringify(node)}`);
  return Math.round(Number(node['#text']) * 100);
}
