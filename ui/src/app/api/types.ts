// The shapes every part of the UI reads from the API (see the presenters in api/<area>/); each area keeps its own in <area>/types.ts.
import type {
  CaseStatus,
  CaseStatusEvent,
  GetAuthDevPersonasResponse,
  GetAuthMeResponse,
  Localized,
  GetAuthSessionResponse,
} from '../../../../forms/types/api';

export type { CaseStatus, Localized }; // generated from forms/api/common.schema.json (npm run generate:types)

/** Who am I: GET /api/v1/auth/me. */
export type Principal = GetAuthMeResponse;
/** A demo persona of GET /api/v1/auth/dev-personas. */
export type Persona = GetAuthDevPersonasResponse['items'][number];
/** The demo personas list, and the browser session (GET /api/v1/auth/session; the demo sign-in answers one too). */
export type { GetAuthDevPersonasResponse as PersonaList, GetAuthSessionResponse as SessionInfo };

export type FormData = Record<string, unknown>;

/** The live status of a case (Socket.IO `case:status`, api/platform/realtime.ts). */
export type StatusEvent = CaseStatusEvent;
