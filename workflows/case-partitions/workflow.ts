// Run daily by the `case-register-partitions` schedule: the current quarter and the next ones exist before a case
// is registered in them (a registration of an uncovered quarter still makes it on demand; this keeps that rare).
import { proxyActivities } from '@temporalio/workflow';
import type { CasePartitionActivities } from '../../activities/case-partitions';
import type { CasePartitionsInput, CasePartitionsResult } from './api';

const acts = proxyActivities<CasePartitionActivities>({
  startToCloseTimeout: '5 minutes', // a partition's ATTACH waits for long-running statements on the parent
  retry: { initialInterval: '10 seconds', maximumAttempts: 10 },
});

export async function maintainCasePartitions(input: CasePartitionsInput = { ahead: 2 }): Promise<CasePartitionsResult> {
  return acts.ensureCasePartitions({ ahead: input.ahead });
}
