// What the API says about a company's account and joint-representation confirmations: never the rows as they are.
import type { Company } from '../../activities/adapters/contracts/enterprise-register';
import type { ConfirmationRow } from '../../db/delegations/confirmations';
import type { NotificationRow } from '../../db/applications/messages';
import type { ConfirmationRequest, OrganisationMessage, OrganisationMessages } from '../../forms/types/api';
import { requiredConfirmers } from '../platform/auth/company-representation';

/** A confirmation request with who is still to confirm, as the register says now (null: the company is gone from it). */
export function presentConfirmation(row: ConfirmationRow, company: Company | null, today: string): ConfirmationRequest {
  const required = company ? requiredConfirmers(company, row.requester_id) : [];
  const awaiting = required.filter((m) => !m.personalCode || !row.confirmed_by.includes(m.personalCode)).map((m) => m.name);
  let status: ConfirmationRequest['status'];
  if (row.revoked_at) status = 'withdrawn';
  else if (row.declined_by) status = 'declined';
  else if (row.valid_until < today) status = 'expired';
  else status = required.length > 0 && awaiting.length === 0 ? 'confirmed' : 'awaiting';
  return {
    id: row.id,
    company: { registrationNumber: row.company_reg_no, name: row.company_name },
    requester: { type: 'natural', id: row.requester_id, name: row.requester_name },
    confirmedBy: [...row.confirmed_by],
    awaiting,
    validUntil: row.valid_until,
    status,
  };
}

export function presentMessage(r: NotificationRow): OrganisationMessage {
  return {
    id: r.id,
    caseId: r.case_id,
    subject: { lv: r.subject_lv, en: r.subject_en },
    body: { lv: r.body_lv, en: r.body_en },
    createdAt: r.created_at.toISOString(),
    eAddressMessageId: r.e_address_message_id,
    readAt: r.read_at ? r.read_at.toISOString() : null,
  };
}

export const presentMessages = (rows: NotificationRow[]): OrganisationMessages => ({ items: rows.map(presentMessage) });
