// What the application and task API says (api/applications/presenter.ts, api/applications/task-routes.ts): the types
// are generated from forms/api/*.schema.json (npm run generate:types); these names are what the pages call them.
import type {
  Application,
  GetEserviceDefinitionsResponse,
  GetMeApplicationsResponse,
  GetTasksIdResponse,
  GetTasksResponse,
  PostApplicationsIdFilesResponse,
  PostTasksIdCompleteResponse,
} from '../../../forms/types/api';

export type { Application };
export type HistoryEntry = Application['history'][number];

/** A published e-service in GET /api/v1/eservice-definitions. */
export type EServiceSummary = GetEserviceDefinitionsResponse['items'][number];
export type EServiceList = GetEserviceDefinitionsResponse;

/** An application in GET /api/v1/me/applications. */
export type ApplicationSummary = GetMeApplicationsResponse['items'][number];
export type MyApplications = GetMeApplicationsResponse;

/** A task in the inbox (GET /api/v1/tasks). */
export type Task = GetTasksResponse['items'][number];
export type TaskList = GetTasksResponse;

/** POST /api/v1/tasks/:id/complete: the application's status after the decision. */
export type TaskCompleted = PostTasksIdCompleteResponse;

/** POST /api/v1/applications/:id/files: the file as stored. */
export type UploadedFile = PostApplicationsIdFilesResponse;

/** GET /api/v1/tasks/:id: the task with the application's submitted data, history, files and documents. */
export type TaskDetails = GetTasksIdResponse;
