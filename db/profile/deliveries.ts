// Notifications sent by e-mail and SMS: one row per notification and channel (its idempotency key), so a retried
// activity never sends twice. The row is claimed under a row lock for the send; only a send that failed (nothing
// was accepted by the server) leaves it unsent for the retry.
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../transaction';
import { contactsOf } from './contacts';
import { CHANNEL_CONTACT, preferencesOf, type Channel, type Language } from './preferences';

export interface ChannelAddress {
  channel: 'email' | 'sms';
  address: string;
}

/** Where the person wants notifications besides the e-address, and in which language: confirmed contacts only. */
export async function notificationTargets(db: Pool, personalCode: string): Promise<{ language: Language; targets: ChannelAddress[] }> {
  const [preferences, contacts] = await Promise.all([preferencesOf(db, personalCode), contactsOf(db, personalCode)]);
  const targets: ChannelAddress[] = [];
  for (const channel of preferences.channels as Channel[]) {
    const kind = CHANNEL_CONTACT[channel];
    const contact = kind && contacts.find((c) => c.kind === kind && c.confirmedAt);
    if (contact && (channel === 'email' || channel === 'sms')) targets.push({ channel, address: contact.value });
  }
  return { language: preferences.language, targets };
}

/**
 * Sends once per key: `send` runs only when no send under the key has succeeded, holding the row's lock so that two
 * attempts at once cannot both send. Returns the message id and whether it had been sent before.
 */
export async function deliverOnce(
  pool: Pool,
  d: { idempotencyKey: string; personalCode: string; caseId: string | null } & ChannelAddress,
  send: () => Promise<string>,
): Promise<{ messageId: string; duplicate: boolean }> {
  return inTransaction(pool, async (client: PoolClient) => {
    await client.query(
      `INSERT INTO profile_notification_deliveries (idempotency_key, personal_code, channel, address, case_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING`,
      [d.idempotencyKey, d.personalCode, d.channel, d.address, d.caseId],
    );
    const { rows } = await client.query<{ message_id: string | null; sent_at: Date | null }>(
      'SELECT message_id, sent_at FROM profile_notification_deliveries WHERE idempotency_key = $1 FOR UPDATE',
      [d.idempotencyKey],
    );
    if (rows[0].sent_at) return { messageId: rows[0].message_id ?? '', duplicate: true };
    const messageId = await send();
    await client.query('UPDATE profile_notification_deliveries SET message_id = $2, sent_at = now() WHERE idempotency_key = $1', [
      d.idempotencyKey,
      messageId,
    ]);
    return { messageId, duplicate: false };
  });
}

export interface DeliveryRecord {
  channel: 'email' | 'sms';
  address: string;
  caseId: string | null;
  sentAt: Date | null;
}

export async function deliveriesOf(db: Pool | PoolClient, personalCode: string): Promise<DeliveryRecord[]> {
  const { rows } = await db.query<{ channel: 'email' | 'sms'; address: string; case_id: string | null; sent_at: Date | null }>(
    `SELECT channel, address, case_id, sent_at FROM profile_notification_deliveries
      WHERE personal_code = $1 ORDER BY created_at DESC LIMIT 1000`,
    [personalCode],
  );
  return rows.map((r) => ({ channel: r.channel, address: r.address, caseId: r.case_id, sentAt: r.sent_at }));
}
