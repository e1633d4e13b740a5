// What the API says about an application: the pinned form, the draft, the status with its history, documents.
import type { EServiceDefinition } from '../../forms/eservice-definition/dsl';
import { STATUS_NAMES } from '../../db/domain/case-status';
import type { ApplicationHistory, ApplicationRow, PersonApplicationRow } from '../../db/applications/reads';
import type { Application, GetMeApplicationsResponse } from '../../forms/types/api';
import { progressOf } from './progress';

export function presentApplication(
  row: ApplicationRow,
  def: EServiceDefinition,
  details: ApplicationHistory,
  now = new Date(),
): Application {
  const { events, documents } = details;
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
    levelOfAssurance: { opened: row.level_of_assurance ?? null, submitted: row.submitted_level_of_assurance ?? null },
    history: events.map((e) => ({
      status: e.status,
      statusName: STATUS_NAMES[e.status],
      at: e.at.toISOString(),
      label: e.label ? { lv: e.label, en: e.label_en ?? e.label } : null,
      reason: e.reason,
    })),
    infoAnswers: details.infoAnswers.map((a) => ({
      at: a.recorded_at.toISOString(),
      fields: Object.keys(a.answer).filter((k) => k !== 'fileIds'),
      files: Array.isArray(a.answer.fileIds) ? a.answer.fileIds.length : 0,
    })),
    progress: progressOf(row, def, details, now),
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

/** A line of the citizen's list of their applications. */
export function presentMyApplication(r: PersonApplicationRow): GetMeApplicationsResponse['items'][number] {
  return {
    id: r.case_id,
    eserviceId: r.definition_id,
    version: r.definition_version,
    title: r.title,
    status: r.status,
    statusAt: r.status_at.toISOString(),
    draftVersion: r.draft_version,
    draftSavedAt: r.draft_saved_at?.toISOString() ?? null,
    expiresAt: r.expires_at.toISOString(),
    createdAt: r.created_at.toISOString(),
  };
}
