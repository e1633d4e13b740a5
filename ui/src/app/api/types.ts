// The shapes every part of the UI reads from the API (see the presenters in api/<area>/); each area keeps its own in <area>/types.ts.
export type Localized = { lv: string; en: string };
export type CaseStatus = 'draft' | 'submitted' | 'in_progress' | 'info_requested' | 'awaiting_payment' | 'answered'
  | 'licence_issued' | 'rejected' | 'completed' | 'withdrawn';

export interface Principal { sub: string; name: string; roles: string[]; agency?: string; office?: string; person?: { type: string; id: string } }
export interface Persona { id: string; name: string; roles: string[]; agency: string | null; description: Localized }

export type FormData = Record<string, unknown>;

export interface StatusEvent { caseId: string; status: CaseStatus; label: string | null; at: string; eventId: number }
