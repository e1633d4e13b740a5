// What the API says about a case: never the row as is. Every text meant for people is in Latvian and English.
import type { CaseRow, EventRow } from '../../db/cases/read-cases';
import { CHANNEL_NAMES, STATUS_NAMES, type CaseStatus } from '../../db/domain/case-status';
import type { Case } from '../../forms/types/api';

// The rows the presenter reads (api/applications presents a case's history with the same EventRow).
export type { CaseRow, EventRow };

/** A document issued for the case, as the documents table names it. */
export interface IssuedDocument {
  id: string;
  titleLv: string;
  titleEn: string;
}

/** A status as people read it: the agency's label (its English one when given), else the status's own name. */
export function statusText(status: CaseStatus, label: string | null, labelEn: string | null | undefined): { lv: string; en: string } {
  const name = STATUS_NAMES[status];
  return { lv: label ?? name.lv, en: labelEn ?? name.en };
}

const localized = (lv: string | null | undefined, en: string | null | undefined) => (lv ? { lv, en: en ?? lv } : null);

/** Staff acting for the recipient, by role and office: who they are is in the audit, not in what the citizen reads. */
function actingStaff(row: CaseRow): Case['actingStaff'] {
  if (!row.acting_staff_id || !row.acting_basis) return null;
  const role =
    row.acting_office_kind === 'vpvkac'
      ? 'client-service-centre'
      : row.acting_office_kind === 'agency'
        ? 'agency-office'
        : 'portal-support';
  return {
    role,
    office: localized(row.acting_office_name_lv, row.acting_office_name_en),
    basis: row.acting_basis as 'consent' | 'mandate' | 'delegation',
  };
}

export interface PresentOptions {
  /** Only in /me/cases: how the signed-in person relates to the case. */
  relation?: 'recipient' | 'representative';
  documents?: IssuedDocument[];
  /** Read by the citizen (or for them): the platform's internal opening id of an application is not shown. */
  forCitizen?: boolean;
}

export function presentCase(row: CaseRow, events: EventRow[], opts: PresentOptions = {}): Case {
  const { relation, documents = [] } = opts;
  const presented: Case = {
    id: row.id,
    agencyId: row.agency_id,
    serviceId: row.service_id,
    // An application opened here has no agency reference: its id names whoever opened it (staff at a counter too).
    externalId: opts.forCitizen && row.has_application ? row.id : row.external_id,
    channel: row.channel,
    channelName: CHANNEL_NAMES[row.channel],
    officeId: row.office_id,
    officeName: localized(row.office_name_lv, row.office_name_en),
    municipalityCode: row.municipality_code,
    recipient: { type: row.recipient_type, id: row.recipient_id, ...(row.recipient_name ? { name: row.recipient_name } : {}) },
    representative: row.representative_id
      ? { type: row.representative_type, id: row.representative_id, name: row.representative_name, basis: row.representative_basis }
      : null,
    actingStaff: actingStaff(row),
    status: row.status,
    statusLabel: row.status_label,
    statusText: statusText(row.status, row.status_label, row.status_label_en),
    statusAt: row.status_at.toISOString(),
    registeredAt: row.registered_at.toISOString(),
    priceEur: row.price_eur === null ? null : Number(row.price_eur),
    resources: { staffMinutes: row.staff_minutes, waitingMinutes: row.waiting_minutes, callMinutes: row.call_minutes },
    satisfaction: row.satisfaction,
    complaint: row.complaint,
    levelOfAssurance: row.level_of_assurance ?? null,
    application: row.has_application ? { id: row.id, href: `/api/v1/applications/${row.id}` } : null,
    documents: documents.map((d) => ({
      id: d.id,
      title: { lv: d.titleLv, en: d.titleEn },
      href: `/api/v1/applications/${row.id}/documents/${d.id}`,
    })),
    agencyUrl: row.agency_url ?? null,
    history: events.map((e) => ({
      status: e.status,
      label: e.label,
      text: statusText(e.status, e.label, e.label_en),
      at: e.at.toISOString(),
      reason: e.reason,
    })),
  };
  // Both names come from the same joined row (NOT NULL columns): the English one is there when the Latvian one is.
  if (row.agency_name_lv) presented.agencyName = { lv: row.agency_name_lv, en: row.agency_name_en as string };
  if (row.service_title_lv) presented.serviceTitle = { lv: row.service_title_lv, en: row.service_title_en as string };
  if (relation) presented.relation = relation;
  return presented;
}
