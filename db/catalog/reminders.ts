// Staff reminders (staff_reminders) about review-by dates: written once per service, date and audience by the
// daily reminder activity, read and marked read by the staff they are addressed to (an audience, and for agency
// audiences their agency).
import type { Pool, PoolClient } from 'pg';
import { REVIEW_REMINDER_DAYS } from '../domain/catalog-review';

type Db = Pool | PoolClient;

export type Audience = 'agency-admin' | 'agency-approver' | 'catalogue-admin';

export interface DueForReview {
  serviceId: string;
  agencyId: string;
  /** YYYY-MM-DD */
  reviewBy: string;
  overdue: boolean;
  title: { lv: string; en: string };
}

/** Published services whose review-by date is within the reminder window or past. */
export async function servicesDueForReview(db: Db): Promise<DueForReview[]> {
  const { rows } = await db.query<{
    service_id: string;
    agency_id: string;
    review_by: string;
    overdue: boolean;
    title_lv: string;
    title_en: string;
  }>(
    `SELECT s.service_id, s.agency_id, s.review_by::text AS review_by, s.review_by < current_date AS overdue, p.title_lv, p.title_en
       FROM catalog_services s JOIN catalog_published p USING (service_id)
      WHERE s.withdrawn_at IS NULL AND s.review_by <= current_date + $1::int`,
    [REVIEW_REMINDER_DAYS],
  );
  return rows.map((r) => ({
    serviceId: r.service_id,
    agencyId: r.agency_id,
    reviewBy: r.review_by,
    overdue: r.overdue,
    title: { lv: r.title_lv, en: r.title_en },
  }));
}

export interface NewReminder {
  /** Derived from the service, date and audience: a second run of the same day writes nothing. */
  id: string;
  audience: Audience;
  agencyId: string | null;
  serviceId: string;
  kind: string;
  subject: { lv: string; en: string };
  body: { lv: string; en: string };
}

export async function insertReminder(db: Db, r: NewReminder): Promise<void> {
  await db.query(
    `INSERT INTO staff_reminders (id, audience, agency_id, service_id, kind, subject_lv, subject_en, body_lv, body_en)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
    [r.id, r.audience, r.agencyId, r.serviceId, r.kind, r.subject.lv, r.subject.en, r.body.lv, r.body.en],
  );
}

export interface ReminderRow {
  id: string;
  audience: Audience;
  agency_id: string | null;
  service_id: string | null;
  kind: string;
  subject_lv: string;
  subject_en: string;
  body_lv: string;
  body_en: string;
  created_at: Date;
  read_at: Date | null;
}

/** Reminders addressed to one of the audiences (agency audiences: of the agency). */
const ADDRESSED = `audience = ANY($1) AND (audience = 'catalogue-admin' OR agency_id = $2)`;

/** Unread reminders first, then the latest read ones (at most 200). */
export async function remindersFor(db: Db, audiences: string[], agencyId: string | null): Promise<ReminderRow[]> {
  const { rows } = await db.query<ReminderRow>(
    `SELECT id, audience, agency_id, service_id, kind, subject_lv, subject_en, body_lv, body_en, created_at, read_at FROM staff_reminders
      WHERE ${ADDRESSED} ORDER BY read_at IS NOT NULL, created_at DESC, id LIMIT 200`,
    [audiences, agencyId],
  );
  return rows;
}

/** Marks an addressed reminder read (the first reading's time stays); false when it is not addressed to them. */
export async function markReminderRead(db: Db, audiences: string[], agencyId: string | null, id: string): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE staff_reminders SET read_at = COALESCE(read_at, now()) WHERE id = $3 AND ${ADDRESSED}`, [
    audiences,
    agencyId,
    id,
  ]);
  return (rowCount ?? 0) > 0;
}
