// The person's preferences: the language messages are written in and the channels notifications go out through
// (the e-address always may; e-mail and SMS only to a confirmed contact).
import type { Pool, PoolClient } from 'pg';

export type Language = 'lv' | 'en';
export type Channel = 'e-address' | 'email' | 'sms';
export const CHANNELS: readonly Channel[] = ['e-address', 'email', 'sms'];
/** The contact a channel needs confirmed. */
export const CHANNEL_CONTACT: Partial<Record<Channel, 'email' | 'phone'>> = { email: 'email', sms: 'phone' };

export interface Preferences {
  language: Language;
  channels: Channel[];
  updatedAt: Date | null;
}

export const DEFAULT_PREFERENCES: Preferences = { language: 'lv', channels: ['e-address'], updatedAt: null };

export async function preferencesOf(db: Pool | PoolClient, personalCode: string): Promise<Preferences> {
  const { rows } = await db.query<{ language: Language; channels: Channel[]; updated_at: Date }>(
    'SELECT language, channels, updated_at FROM profile_preferences WHERE personal_code = $1',
    [personalCode],
  );
  return rows[0] ? { language: rows[0].language, channels: rows[0].channels, updatedAt: rows[0].updated_at } : { ...DEFAULT_PREFERENCES };
}

export async function setPreferences(
  client: PoolClient,
  personalCode: string,
  language: Language,
  channels: Channel[],
): Promise<Preferences> {
  const ordered = CHANNELS.filter((c) => channels.includes(c));
  const { rows } = await client.query<{ language: Language; channels: Channel[]; updated_at: Date }>(
    `INSERT INTO profile_preferences (personal_code, language, channels) VALUES ($1, $2, $3)
     ON CONFLICT (personal_code) DO UPDATE SET language = EXCLUDED.language, channels = EXCLUDED.channels, updated_at = now()
     RETURNING language, channels, updated_at`,
    [personalCode, language, ordered],
  );
  return { language: rows[0].language, channels: rows[0].channels, updatedAt: rows[0].updated_at };
}
