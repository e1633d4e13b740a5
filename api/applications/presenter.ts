// What the API says about an application: the pinned form, the draft, the status with its history, documents.
import type { EServiceDefinition } from '../../forms/eservice-definition/dsl';
import { STATUS_NAMES, type CaseStatus } from '../../db/domain/case-status';
import type { EventRow } from '../cases/presenter';

export interface ApplicationRow {
  case_id: string;
  definition_id: string;
  definition_version: number;
  agency_id: string;
  recipient_type: string;
  recipient_id: string;
  draft_data: Record<string, unknown>;
  draft_version: number;
  draft_saved_at: Date | null;
  draft_step: string | null;
  submitted_data: Record<string, unknown> | null;
  submitted_at: Date | null;
  waiting_reason: string | null;
  created_at: Date;
  expires_at: Date;
  status: CaseStatus;
  status_label: string | null;
  status_label_en: string | null;
  status_at: Date;
  recipient_name: string | null;
  acting_staff_id?: string | null;
  acting_basis?: string | null;
  acting_basis_ref?: string | null;
  representative_type?: string | null;
  representative_id?: string | null;
  representative_basis?: string | null;
  representative_basis_ref?: string | null;
}

export function presentApplication(
  row: ApplicationRow,
  def: EServiceDefinition,
  events: Array<EventRow & { label_en?: string | null }>,
  documents: Array<{ id: string; document_type: string; title_lv: string; title_en: string; created_at: Date }>,
) {
  return {
    id: row.case_id,
    eservice: { id: row.definition_id, version: row.definition_version, title: def.title, serviceId: def.serviceId },
    agencyId: row.agency_id,
    recipient: { type: row.recipient_type, id: row.recipient_id, name: row.recipient_name },
    status: row.status,
    statusName: STATUS_NAMES[row.status],
    statusLabel: row.status_label ? { lv: row.status_label, en: row.status_label_en ?? row.status_label } : null,
    statusAt: row.status_at.toISOString(),
    waitingFor: row.waiting_reason,
    form: { schema: def.form.schema, uiSchema: def.form.uiSchema ?? {} },
    draft: {
      version: row.draft_version,
      data: row.draft_data,
      step: row.draft_step,
      savedAt: row.draft_saved_at?.toISOString() ?? null,
      expiresAt: row.expires_at.toISOString(),
    },
    submittedData: row.submitted_data,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    history: events.map((e) => ({
      status: e.status,
      statusName: STATUS_NAMES[e.status],
      at: e.at.toISOString(),
      label: e.label ? { lv: e.label, en: e.label_en ?? e.label } : null,
      reason: e.reason,
    })),
    documents: documents.map((d) => ({
      id: d.id,
      type: d.document_type,
      title: { lv: d.title_lv, en: d.title_en },
      issuedAt: d.created_at.toISOString(),
      href: `/api/v1/applications/${row.case_id}/documents/${encodeURIComponent(d.id)}`,
    })),
    createdAt: row.created_at.toISOString(),
  };
}
