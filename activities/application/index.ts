// Activities of the e-service interpreter (workflows/application), one file per part a step touches: the registers,
// the case's own record, the officers' tasks, payments, issued documents and notifications. Every one is
// idempotent: its key comes from the workflow and the step, so a retry after a crash writes no second status, task,
// document or message. The worker registers them by these names (activities/index.ts): renaming one breaks running
// workflows.
import type { Pool } from 'pg';
import type { Adapters } from '../adapters';
import type { SealStore } from '../documents/seal/seal-store';
import { createRegisterCallActivities } from './register-calls';
import { createCaseProgressActivities } from './case-progress';
import { createTaskActivities } from './tasks';
import { createPaymentActivities } from './payments';
import { createDocumentActivities } from './documents';
import { createNotificationActivities } from './notifications';

export interface ApplicationActivityDeps {
  pool: Pool;
  adapters: Adapters;
  /** The agencies' electronic seals: every issued document is sealed by its agency. */
  seals: SealStore;
}

export function createApplicationActivities({ pool, adapters, seals }: ApplicationActivityDeps) {
  return {
    ...createCaseProgressActivities({ pool }),
    ...createRegisterCallActivities({ pool, adapters }),
    ...createNotificationActivities({ pool, adapters }),
    ...createTaskActivities({ pool }),
    ...createPaymentActivities({ pool }),
    ...createDocumentActivities({ pool, seals }),
  };
}

export type ApplicationActivities = ReturnType<typeof createApplicationActivities>;
