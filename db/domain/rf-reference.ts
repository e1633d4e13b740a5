// ISO 11649 structured creditor reference: "RF" + two check digits + a body of up to 21 letters and digits. The
// check digits are ISO 7064 MOD 97-10 over body + "RF" (the same arithmetic as IBAN), so a mistyped reference
// is detected before any lookup.
import { checkDigitsFor, mod97 } from './mod97';

const BODY = /^[0-9A-Z]{1,21}$/;

export function makeRfReference(body: string): string {
  const b = body.toUpperCase();
  if (!BODY.test(b)) throw new RangeError(`an RF body is 1-21 letters and digits: ${body}`);
  return `RF${checkDigitsFor(`${b}RF`)}${b}`;
}

/** Upper-cases and strips spaces; null unless it is a well-formed RF reference with correct check digits. */
export function normaliseRfReference(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (!/^RF[0-9]{2}[0-9A-Z]{1,21}$/.test(compact)) return null;
  return mod97(`${compact.slice(4)}${compact.slice(0, 4)}`) === 1 ? compact : null;
}

/** Printed form in groups of four: "RF18 5390 0754 7034". */
export function formatRfReference(ref: string): string {
  return ref.replace(/(.{4})/g, '$1 ').trim();
}
