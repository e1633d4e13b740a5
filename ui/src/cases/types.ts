// A case as "my cases" lists it (api/cases/presenter.ts): from any channel, with its status history.
import type { CaseStatus, Localized } from '../app/api/types';

export interface CaseItem {
  id: string;
  serviceId: string;
  channel: string;
  status: CaseStatus;
  statusLabel: string | null;
  statusAt: string;
  registeredAt: string;
  serviceTitle?: Localized;
  agencyName?: Localized;
  relation?: 'recipient' | 'representative';
  history: Array<{ status: CaseStatus; label: string | null; at: string; reason: string | null }>;
}
