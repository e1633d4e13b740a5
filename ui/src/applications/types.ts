// What the application and task API says (api/applications/presenter.ts, api/applications/task-routes.ts).
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { CaseStatus, FormData, Localized } from '../app/api/types';

export interface EServiceSummary {
  id: string;
  agencyId: string;
  serviceId: string;
  version: number;
  title: Localized;
  description: Localized | null;
}

export interface HistoryEntry {
  status: CaseStatus;
  statusName?: Localized;
  at: string;
  label: Localized | string | null;
  reason: string | null;
}

export interface Application {
  id: string;
  eservice: { id: string; version: number; title: Localized; serviceId: string };
  status: CaseStatus;
  statusName: Localized;
  statusLabel: Localized | null;
  statusAt: string;
  waitingFor: string | null;
  form: { schema: RJSFSchema; uiSchema: UiSchema };
  draft: { version: number; data: FormData; step: string | null; savedAt: string | null; expiresAt: string };
  submittedData: FormData | null;
  history: HistoryEntry[];
  documents: Array<{ id: string; type: string; title: Localized; issuedAt: string; href: string }>;
}

export interface ApplicationSummary {
  id: string;
  eserviceId: string;
  title: Localized;
  status: CaseStatus;
  statusAt: string;
  draftSavedAt: string | null;
  expiresAt: string;
}

export interface Task {
  id: string;
  caseId: string;
  title: Localized;
  instructions: Localized | null;
  outcomes: string[];
  status: 'open' | 'claimed' | 'completed';
  dueAt: string;
  overdue: boolean;
  claimedBy: string | null;
  claimedByName: string | null;
  outcome: string | null;
  message: string | null;
  case: { serviceId: string; status: CaseStatus; recipientName: string | null; eserviceTitle: Localized | null };
}

export interface TaskDetails extends Task {
  recipient: { type: string; id: string; name: string | null };
  submittedData: FormData | null;
  history: Array<{ status: CaseStatus; label: string | null; at: string; actorType: string; reason: string | null }>;
  files: Array<{ id: string; fileName: string; contentType: string; byteSize: number }>;
  documents: Array<{ id: string; title: Localized; href: string }>;
}
