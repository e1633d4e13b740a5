// The account the state pays the person into (benefits, refunds). The IBAN is checked by ibantools (country format,
// BBAN structure, MOD 97 check digits) and must be of a SEPA country; the holder must be the person themself
// (payments from the state to someone else's account are the fraud this refuses).
import type { Pool, PoolClient } from 'pg';
import { isSEPACountry } from 'ibantools';
import { checkIban as checkAnyIban } from '../domain/iban';

export type IbanCheck = { ok: true; iban: string; countryCode: string } | { ok: false; problem: 'malformed' | 'check_digits' | 'not_sepa' };

export function checkIban(input: string): IbanCheck {
  const checked = checkAnyIban(input);
  if ('problem' in checked) return { ok: false, problem: checked.problem };
  if (!isSEPACountry(checked.countryCode)) return { ok: false, problem: 'not_sepa' };
  return { ok: true, ...checked };
}

/** Lower case, diacritics and punctuation gone, words sorted: "Bērziņa  Anna" and "ANNA BERZINA" are the same name. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** The holder named on the account is the person (given and family name in either order; case and diacritics aside). */
export function holderIsPerson(holderName: string, person: { givenName: string; familyName: string }): boolean {
  const holder = nameKey(holderName);
  return holder !== '' && holder === nameKey(`${person.givenName} ${person.familyName}`);
}

export interface BankAccount {
  iban: string;
  holderName: string;
  updatedAt: Date;
}

export async function bankAccountOf(db: Pool | PoolClient, personalCode: string): Promise<BankAccount | null> {
  const { rows } = await db.query<{ iban: string; holder_name: string; updated_at: Date }>(
    'SELECT iban, holder_name, updated_at FROM profile_bank_accounts WHERE personal_code = $1',
    [personalCode],
  );
  return rows[0] ? { iban: rows[0].iban, holderName: rows[0].holder_name, updatedAt: rows[0].updated_at } : null;
}

export async function setBankAccount(client: PoolClient, personalCode: string, iban: string, holderName: string): Promise<BankAccount> {
  const { rows } = await client.query<{ iban: string; holder_name: string; updated_at: Date }>(
    `INSERT INTO profile_bank_accounts (personal_code, iban, holder_name) VALUES ($1, $2, $3)
     ON CONFLICT (personal_code) DO UPDATE SET iban = EXCLUDED.iban, holder_name = EXCLUDED.holder_name, updated_at = now()
     RETURNING iban, holder_name, updated_at`,
    [personalCode, iban, holderName],
  );
  return { iban: rows[0].iban, holderName: rows[0].holder_name, updatedAt: rows[0].updated_at };
}
