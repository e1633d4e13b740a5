// The shapes every part of the UI reads from the API (see the presenters in api/<area>/); each area keeps its own in <area>/types.ts.
import type { CaseStatus } from '../../../../forms/types/api';

export type Localized = { lv: string; en: string };
export type { CaseStatus }; // generated from forms/api/common.schema.json (npm run generate:types)

export interface Principal { sub: string; name: string; roles: string[]; agency?: string; office?: string; person?: { type: string; id: string } }
export interface Persona { id: string; name: string; roles: string[]; agency: string | null; description: Localized }

export type FormData = Record<string, unknown>;

export interface StatusEvent { caseId: string; status: CaseStatus; label: string | null; at: string; eventId: number }
