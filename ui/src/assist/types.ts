// The shapes of the e-service assistant (api/assist/routes.ts, api/assist/socket.ts).
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { CaseStatus, FormData } from '../app/api/types';

export type AssistMode = 'view' | 'assist';
export type AssistScope = 'application' | 'portal';

export interface Grant {
  id: string;
  scope: AssistScope;
  caseId: string | null;
  person: { type: string; id: string };
  mode: AssistMode;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
  usedByName: string | null;
  usedByRole: string | null;
  usedByOffice: string | null;
  revokedAt: string | null;
  endedAt: string | null;
  active: boolean;
}

export interface Watcher {
  grantId: string;
  name: string | null;
  role: string | null;
  office: string | null;
  mode: AssistMode;
}

/** Who made an edit: the citizen, or a staff member with their office. */
export interface EditAuthor {
  type: 'citizen' | 'staff';
  id?: string;
  name?: string;
  office?: string | null;
}

/** A field's new value; `catch-up` is a field's current value sent to a connection recovered after a drop. */
export interface RemoteEdit {
  applicationId: string;
  pointer: string;
  value?: unknown;
  version: number;
  by: EditAuthor | { type: 'catch-up' };
  masked?: boolean;
}

/** A validation error on the citizen's screen, as sent in presence. */
export interface PresenceError {
  pointer: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

export interface Presence {
  applicationId?: string | null;
  page: string | null;
  step: string | null;
  focus: string | null;
  errors: PresenceError[];
  at?: string;
}

export interface Snapshot {
  applicationId: string;
  status: CaseStatus;
  data: FormData;
  fieldVersions: Record<string, number>;
  form: { schema: RJSFSchema; uiSchema: UiSchema } | null;
  presence: Presence | null;
}

export type SocketAck<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

export interface AssistSessionOpened {
  grant: Grant;
  application: { id: string; eserviceId: string; status: CaseStatus; recipientName: string | null } | null;
}
