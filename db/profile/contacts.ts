// A person's contact details: one e-mail and one phone, each usable only once confirmed with a one-time code
// (codes.ts). Setting a new value starts over: it is unconfirmed until its own code is typed.
import type { Pool, PoolClient } from 'pg';

export type ContactKind = 'email' | 'phone';
export const CONTACT_KINDS: readonly ContactKind[] = ['email', 'phone'];

export interface Contact {
  kind: ContactKind;
  value: string;
  confirmedAt: Date | null;
  updatedAt: Date;
}

type Row = { kind: ContactKind; value: string; confirmed_at: Date | null; updated_at: Date };
const toContact = (r: Row): Contact => ({ kind: r.kind, value: r.value, confirmedAt: r.confirmed_at, updatedAt: r.updated_at });

/** E-mail addresses compare without case; phone numbers are kept as +<digits> (E.164). */
export function normaliseContact(kind: ContactKind, input: string): string | null {
  const text = input.trim();
  if (kind === 'email') {
    const email = text.toLowerCase();
    return /^[^\s@]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(email) && email.length <= 254 ? email : null;
  }
  const digits = text.replace(/[\s()-]/g, '');
  const e164 = digits.startsWith('00') ? `+${digits.slice(2)}` : /^[0-9]{8}$/.test(digits) ? `+371${digits}` : digits;
  return /^\+[1-9][0-9]{7,14}$/.test(e164) ? e164 : null;
}

export async function contactsOf(db: Pool | PoolClient, personalCode: string): Promise<Contact[]> {
  const { rows } = await db.query<Row>(
    'SELECT kind, value, confirmed_at, updated_at FROM profile_contacts WHERE personal_code = $1 ORDER BY kind',
    [personalCode],
  );
  return rows.map(toContact);
}

export async function contactOf(db: Pool | PoolClient, personalCode: string, kind: ContactKind): Promise<Contact | null> {
  const { rows } = await db.query<Row>(
    'SELECT kind, value, confirmed_at, updated_at FROM profile_contacts WHERE personal_code = $1 AND kind = $2',
    [personalCode, kind],
  );
  return rows[0] ? toContact(rows[0]) : null;
}

/** Sets the contact's value; a changed value is unconfirmed (the same value keeps its confirmation). */
export async function setContact(client: PoolClient, personalCode: string, kind: ContactKind, value: string): Promise<Contact> {
  const { rows } = await client.query<Row>(
    `INSERT INTO profile_contacts (personal_code, kind, value) VALUES ($1, $2, $3)
     ON CONFLICT (personal_code, kind) DO UPDATE
       SET value = EXCLUDED.value, updated_at = now(),
           confirmed_at = CASE WHEN profile_contacts.value = EXCLUDED.value THEN profile_contacts.confirmed_at END
     RETURNING kind, value, confirmed_at, updated_at`,
    [personalCode, kind, value],
  );
  return toContact(rows[0]);
}

export async function confirmContact(client: PoolClient, personalCode: string, kind: ContactKind, value: string): Promise<Contact | null> {
  const { rows } = await client.query<Row>(
    `UPDATE profile_contacts SET confirmed_at = now() WHERE personal_code = $1 AND kind = $2 AND value = $3
     RETURNING kind, value, confirmed_at, updated_at`,
    [personalCode, kind, value],
  );
  return rows[0] ? toContact(rows[0]) : null;
}

/** Removes the contact; channels that used it stop (preferences keep the choice, notify skips an unconfirmed one). */
export async function removeContact(client: PoolClient, personalCode: string, kind: ContactKind): Promise<boolean> {
  const { rowCount } = await client.query('DELETE FROM profile_contacts WHERE personal_code = $1 AND kind = $2', [personalCode, kind]);
  return (rowCount ?? 0) > 0;
}
