// What the API says about a case: never the row as is.
import type { CaseRow, EventRow } from '../../db/cases/read-cases';
import type { Case } from '../../forms/types/api';

// The rows the presenter reads (api/applications presents a case's history with the same EventRow).
export type { CaseRow, EventRow };

export function presentCase(row: CaseRow, events: EventRow[], relation?: 'recipient' | 'representative'): Case {
  const presented: Case = {
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
    levelOfAssurance: row.level_of_assurance ?? null,
    history: events.map((e) => ({ status: e.status, label: e.label, at: e.at.toISOString(), reason: e.reason })),
  };
  // Both names come from the same joined row (NOT NULL columns): the English one is there when the Latvian one is.
  if (row.agency_name_lv) presented.agencyName = { lv: row.agency_name_lv, en: row.agency_name_en as string };
  if (row.service_title_lv) presented.serviceTitle = { lv: row.service_title_lv, en: row.service_title_en as string };
  if (relation) presented.relation = relation;
  return presented;
}
