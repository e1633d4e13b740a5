// An independent ISO 7064 MOD 97-10 check, written apart from db/domain/mod97 so that fixtures and rendered documents
// are not validated only by the code under test: the whole number is built as a BigInt (letters A=10 … Z=35) and
// taken modulo 97 in one step, with none of the production code's piecewise arithmetic.

function asNumber(text: string): bigint {
  let digits = '';
  for (const ch of text) {
    if (/[0-9]/.test(ch)) digits += ch;
    else if (/[A-Z]/.test(ch)) digits += String(ch.charCodeAt(0) - 'A'.charCodeAt(0) + 10);
    else throw new RangeError(`not ISO 7064 alphanumeric: ${JSON.stringify(ch)} in ${text}`);
  }
  return BigInt(digits);
}

/** Whether an IBAN (ISO 13616) or RF creditor reference (ISO 11649) carries valid check digits. */
export function hasValidIso7064CheckDigits(reference: string): boolean {
  const compact = reference.replace(/ /g, '');
  if (!/^[A-Z]{2}[0-9]{2}[0-9A-Z]+$/.test(compact)) return false;
  return asNumber(compact.slice(4) + compact.slice(0, 4)) % 97n === 1n;
}

/** An IBAN for a country and BBAN with check digits computed here (98 - the remainder of BBAN + country + "00"). */
export function ibanWithIso7064CheckDigits(country: string, bban: string): string {
  const check = 98n - (asNumber(`${bban}${country}00`) % 97n);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}
