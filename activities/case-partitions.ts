// The register's quarters made ahead (db/cases/partitions.ts), for the daily `maintainCasePartitions` workflow.
import type { Pool } from 'pg';
import { ensurePartitionsAhead } from '../db/cases/partitions';
import type { CasePartitionsResult } from '../workflows/case-partitions/api';

export function createCasePartitionActivities(deps: { pool: Pool }) {
  return {
    /** Creates the missing quarters from the current one to `ahead` after it; answers what it made and what exists. */
    async ensureCasePartitions(input: { ahead: number }): Promise<CasePartitionsResult> {
      return ensurePartitionsAhead(deps.pool, { ahead: input.ahead });
    },
  };
}

export type CasePartitionActivities = ReturnType<typeof createCasePartitionActivities>;
