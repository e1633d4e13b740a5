// The shapes every part of the UI reads from the API (see the presenters in api/<area>/); each area keeps its own in <area>/types.ts.
import type { CaseStatus, GetAuthMeResponse } from '../../../../forms/types/api';

export type Localized = { lv: string; en: string };
export type { CaseStatus }; // generated from forms/api/common.schema.json (npm run generate:types)

/** Who am I: GET /api/v1/auth/me. */
export type Principal = GetAuthMeResponse;
export interface Persona {
  id: string;
  name: string;
  roles: string[];
  agency: string | null;
  description: Localized;
}

export type FormData = Record<string, unknown>;

export interface StatusEvent {
  caseId: string;
  status: CaseStatus;
  label: string | null;
  at: string;
  eventId: number;
}
