// Every activity the worker offers, built from injected dependencies and registered explicitly.
import type { Pool } from 'pg';
import { createCaseImportActivities } from './case-import';
import { createApplicationActivities } from './application';
import { createInvoiceActivities } from './invoice';
import type { Adapters } from './adapters';

export interface ActivityDeps {
  pool: Pool;
  adapters: Adapters;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseImportActivities({ pool: deps.pool }),
    ...createApplicationActivities({ pool: deps.pool, adapters: deps.adapters }),
    ...createInvoiceActivities({ pool: deps.pool, adapters: deps.adapters }),
  };
}
