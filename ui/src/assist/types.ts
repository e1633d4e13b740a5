// What co-browsing says (api/assist/routes.ts over HTTP, api/assist/socket.ts over Socket.IO): the types are generated
// from forms/api (assist-grant, assist-socket, post-assist-sessions-response; npm run generate:types); these names are
// what the pages call them.
import type {
  AssistEdit,
  AssistEditAuthor,
  AssistGrant,
  AssistPresence,
  AssistPresenceError,
  AssistSnapshot,
  AssistWatcher,
  PostAssistSessionsResponse,
} from '../../../forms/types/api';

export type {
  AssistEditAck,
  AssistEndedEvent,
  AssistJoinAck,
  AssistModeEvent,
  AssistOpenAck,
  AssistStatusEvent,
  AssistWatchersEvent,
  GetMeAssistGrantsResponse,
  GetOfficesResponse,
  PostAssistCodesResponse,
  PostAssistedApplicationsResponse,
  PostDelegationsLookupResponse,
  Mandate,
  PostApplicationsIdSubmitOnBehalfResponse,
  PostMandateDocumentsResponse,
  PutApplicationsIdDraftResponse,
} from '../../../forms/types/api';

export type Grant = AssistGrant;
export type AssistMode = AssistGrant['mode'];
export type AssistScope = AssistGrant['scope'];
/** A staff member in the citizen's list of who watches or helps. */
export type Watcher = AssistWatcher;
/** Who made an edit: the citizen, or a staff member with their office. */
export type EditAuthor = AssistEditAuthor;
/** A field's new value (`cobrowse:edit`); `catch-up` is a field's current value sent to a connection recovered after a drop. */
export type RemoteEdit = AssistEdit;
/** A validation error on the citizen's screen, as sent in presence. */
export type PresenceError = AssistPresenceError;
export type Presence = AssistPresence;
/** An application's form as the screen opens it (`cobrowse:open`, `cobrowse:join`). */
export type Snapshot = AssistSnapshot;
/** POST /api/v1/assist-sessions: the redeemed consent and its application. */
export type AssistSessionOpened = PostAssistSessionsResponse;
