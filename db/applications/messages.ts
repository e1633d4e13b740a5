// What the e-service tells its recipient: portal notifications and e-address deliveries (each written once per
// idempotency key, so a retried activity sends nothing twice). Whom to address them to: db/cases/read-cases.ts.
import type { Pool } from 'pg';
import type { Localized } from '../../forms/types/api';

/** A delivery to the e-address made under this key: its message id (null: none was sent), or undefined. */
export async function eAddressDelivery(pool: Pool, idempotencyKey: string): Promise<{ messageId: string | null } | undefined> {
  const { rows } = await pool.query<{ message_id: string | null }>(
    'SELECT message_id FROM e_address_deliveries WHERE idempotency_key = $1',
    [idempotencyKey],
  );
  return rows[0] ? { messageId: rows[0].message_id } : undefined;
}

/** Records a delivery (or why none was made, e.g. no mailbox); the first record of a key stays. */
export async function recordEAddressDelivery(
  pool: Pool,
  d: { idempotencyKey: string; caseId: string; messageId: string | null; skippedReason: string | null },
): Promise<void> {
  await pool.query(
    `INSERT INTO e_address_deliveries (idempotency_key, case_id, message_id, skipped_reason) VALUES ($1, $2, $3, $4)
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [d.idempotencyKey, d.caseId, d.messageId, d.skippedReason],
  );
}

/** A notification in the recipient's portal inbox; the id is the idempotency key (a second insert changes nothing). */
export async function insertNotification(
  pool: Pool,
  n: { id: string; caseId: string | null; recipient: { type: string; id: string }; subject: Localized; body: Localized },
): Promise<void> {
  await pool.query(
    `INSERT INTO notifications (id, case_id, recipient_type, recipient_id, subject_lv, subject_en, body_lv, body_en)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [n.id, n.caseId, n.recipient.type, n.recipient.id, n.subject.lv, n.subject.en, n.body.lv, n.body.en],
  );
}

/** The notification was also delivered to the e-address as this message. */
export async function setNotificationMessageId(pool: Pool, id: string, messageId: string): Promise<void> {
  await pool.query('UPDATE notifications SET e_address_message_id = $2 WHERE id = $1', [id, messageId]);
}

export interface NotificationRow {
  id: string;
  case_id: string | null;
  subject_lv: string;
  subject_en: string;
  body_lv: string;
  body_en: string;
  created_at: Date;
  e_address_message_id: string | null;
  read_at: Date | null;
}

/** The recipient's notifications (each also sent to their e-address when they have one), newest first (at most 200). */
export async function notificationsOf(pool: Pool, recipient: { type: string; id: string }): Promise<NotificationRow[]> {
  const { rows } = await pool.query<NotificationRow>(
    `SELECT id, case_id, subject_lv, subject_en, body_lv, body_en, created_at, e_address_message_id, read_at FROM notifications
      WHERE recipient_type = $1 AND recipient_id = $2 ORDER BY created_at DESC, id LIMIT 200`,
    [recipient.type, recipient.id],
  );
  return rows;
}

/** Marks the recipient's notification read (the first time counts); null when the recipient has no such notification. */
export async function markNotificationRead(
  pool: Pool,
  recipient: { type: string; id: string },
  id: string,
): Promise<NotificationRow | null> {
  const { rows } = await pool.query<NotificationRow>(
    `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_type = $2 AND recipient_id = $3
      RETURNING id, case_id, subject_lv, subject_en, body_lv, body_en, created_at, e_address_message_id, read_at`,
    [id, recipient.type, recipient.id],
  );
  return rows[0] ?? null;
}
