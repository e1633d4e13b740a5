// What the API says about a case: never the row as is.
import type { CaseStatus, Channel } from '../../db/domain/case-status';

export interface CaseRow {
  id: string;
  agency_id: string;
  service_id: string;
  external_id: string;
  channel: Channel;
  office_id: string | null;
  municipality_code: string | null;
  recipient_type: string;
  recipient_id: string;
  recipient_name: string | null;
  representative_type: string | null;
  representative_id: string | null;
  representative_name: string | null;
  representative_basis: string | null;
  status: CaseStatus;
  status_label: string | null;
  status_at: Date;
  registered_at: Date;
  price_eur: string | null;
  staff_minutes: number | null;
  waiting_minutes: number | null;
  call_minutes: number | null;
  satisfaction: number | null;
  complaint: boolean;
  agency_name_lv?: string;
  agency_name_en?: string;
  service_title_lv?: string;
  service_title_en?: string;
  representative_basis_ref?: string | null;
  acting_staff_id?: string | null;
  acting_basis?: string | null;
  acting_basis_ref?: string | null;
  /** The e-service, when the case is an application (read by findCase only). */
  eservice_id?: string | null;
}

export interface EventRow {
  case_id: string;
  status: CaseStatus;
  label: string | null;
  at: Date;
  reason: string | null;
}

export function presentCase(row: CaseRow, events: EventRow[], relation?: 'recipient' | 'representative') {
  const presented: Record<string, unknown> = {
    id: row.id,
    agencyId: row.agency_id,
    serviceId: row.service_id,
    externalId: row.external_id,
    channel: row.channel,
    officeId: row.office_id,
    municipalityCode: row.municipality_code,
    recipient: { type: row.recipient_type, id: row.recipient_id, ...(row.recipient_name ? { name: row.recipient_name } : {}) },
    representative: row.representative_id
      ? { type: row.representative_type, id: row.representative_id, name: row.representative_name, basis: row.representative_basis }
      : null,
    status: row.status,
    statusLabel: row.status_label,
    statusAt: row.status_at.toISOString(),
    registeredAt: row.registered_at.toISOString(),
    priceEur: row.price_eur === null ? null : Number(row.price_eur),
    resources: { staffMinutes: row.staff_minutes, waitingMinutes: row.waiting_minutes, callMinutes: row.call_minutes },
    satisfaction: row.satisfaction,
    complaint: row.complaint,
    history: events.map((e) => ({ status: e.status, label: e.label, at: e.at.toISOString(), reason: e.reason })),
  };
  if (row.agency_name_lv) presented.agencyName = { lv: row.agency_name_lv, en: row.agency_name_en };
  if (row.service_title_lv) presented.serviceTitle = { lv: row.service_title_lv, en: row.service_title_en };
  if (relation) presented.relation = relation;
  return presented;
}
