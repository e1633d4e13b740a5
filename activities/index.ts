// Every activity the worker offers, built from injected dependencies and registered explicitly.
import type { Pool } from 'pg';
import { createCaseImportActivities } from './case-import';

export interface ActivityDeps {
  pool: Pool;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseImportActivities({ pool: deps.pool }),
  };
}
