// One-time codes that confirm a contact (e-mail or phone): 6 digits, kept only as a salted hash, valid for 10
// minutes, used once, void after 5 wrong attempts. Sending is limited per person and per address (the address limit
// stops one person's codes from flooding another's mailbox or phone, whatever account asks).
import crypto from 'node:crypto';
import type { PoolClient } from 'pg';
import type { ContactKind } from './contacts';

export const CODE_TTL_MINUTES = 10;
export const MAX_WRONG_ATTEMPTS = 5;
/** Codes sent per person in the last hour (all kinds together). */
export const CODES_PER_PERSON_PER_HOUR = 6;
/** Codes sent to one address (e-mail or phone number) in the last hour, whoever asked. */
export const CODES_PER_ADDRESS_PER_HOUR = 3;

/** Six digits from the system's CSPRNG, leading zeros kept. */
export function newCode(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
}

// A salted SHA-256: the table never holds a usable code. Six digits cannot withstand an offline search, so what
// protects a code is its 10-minute life and the 5 attempts; the hash keeps it out of backups and logs.
export function hashCode(salt: string, code: string): string {
  return crypto.createHash('sha256').update(`${salt}:${code}`).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export type IssueResult = { issued: true; code: string } | { issued: false; limit: 'person' | 'address'; retryAfterSeconds: number };

/**
 * A new code for `value`, unless a sending limit is reached. Earlier live codes of the person for this kind are
 * voided: only the newest code confirms. Call inside a transaction (the person's advisory lock serialises the count).
 */
export async function issueCode(client: PoolClient, personalCode: string, kind: ContactKind, value: string): Promise<IssueResult> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`profile-codes:${personalCode}`]);
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`profile-codes-address:${value}`]);
  const { rows } = await client.query<{ per_person: number; per_address: number; person_oldest: Date | null; address_oldest: Date | null }>(
    `SELECT count(*) FILTER (WHERE personal_code = $1)::int AS per_person,
            count(*) FILTER (WHERE value = $2)::int AS per_address,
            min(created_at) FILTER (WHERE personal_code = $1) AS person_oldest,
            min(created_at) FILTER (WHERE value = $2) AS address_oldest
       FROM profile_contact_codes
      WHERE (personal_code = $1 OR value = $2) AND created_at > now() - interval '1 hour'`,
    [personalCode, value],
  );
  const counts = rows[0];
  const retryAfter = (oldest: Date | null) => Math.max(1, Math.ceil(((oldest?.getTime() ?? Date.now()) + 3_600_000 - Date.now()) / 1000));
  if (counts.per_person >= CODES_PER_PERSON_PER_HOUR)
    return { issued: false, limit: 'person', retryAfterSeconds: retryAfter(counts.person_oldest) };
  if (counts.per_address >= CODES_PER_ADDRESS_PER_HOUR)
    return { issued: false, limit: 'address', retryAfterSeconds: retryAfter(counts.address_oldest) };
  await client.query(
    `UPDATE profile_contact_codes SET voided_at = now()
      WHERE personal_code = $1 AND kind = $2 AND used_at IS NULL AND voided_at IS NULL`,
    [personalCode, kind],
  );
  const code = newCode();
  const salt = crypto.randomBytes(16).toString('hex');
  await client.query(
    `INSERT INTO profile_contact_codes (personal_code, kind, value, salt, code_hash, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
    [personalCode, kind, value, salt, hashCode(salt, code), CODE_TTL_MINUTES],
  );
  return { issued: true, code };
}

export type CheckResult =
  { ok: true } | { ok: false; reason: 'no_code' | 'expired' | 'void' } | { ok: false; reason: 'wrong'; attemptsLeft: number };

/**
 * Checks a code typed for the person's pending `value`: the newest code not used nor voided. A right code is used up;
 * a wrong one counts, and the fifth wrong one voids the code. Call inside a transaction.
 */
export async function checkCode(
  client: PoolClient,
  personalCode: string,
  kind: ContactKind,
  value: string,
  typed: string,
): Promise<CheckResult> {
  const { rows } = await client.query<{
    id: string;
    salt: string;
    code_hash: string;
    expired: boolean;
    voided: boolean;
    wrong_attempts: number;
  }>(
    `SELECT id, salt, code_hash, expires_at <= now() AS expired, voided_at IS NOT NULL AS voided, wrong_attempts
       FROM profile_contact_codes
      WHERE personal_code = $1 AND kind = $2 AND value = $3 AND used_at IS NULL
      ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE`,
    [personalCode, kind, value],
  );
  const row = rows[0];
  if (!row) return { ok: false, reason: 'no_code' };
  if (row.voided) return { ok: false, reason: 'void' };
  if (row.expired) return { ok: false, reason: 'expired' };
  if (sameHash(row.code_hash, hashCode(row.salt, typed))) {
    await client.query('UPDATE profile_contact_codes SET used_at = now() WHERE id = $1', [row.id]);
    return { ok: true };
  }
  const wrong = row.wrong_attempts + 1;
  await client.query(
    `UPDATE profile_contact_codes SET wrong_attempts = $2::int, voided_at = CASE WHEN $2::int >= $3::int THEN now() ELSE voided_at END WHERE id = $1`,
    [row.id, wrong, MAX_WRONG_ATTEMPTS],
  );
  return wrong >= MAX_WRONG_ATTEMPTS
    ? { ok: false, reason: 'void' }
    : { ok: false, reason: 'wrong', attemptsLeft: MAX_WRONG_ATTEMPTS - wrong };
}
