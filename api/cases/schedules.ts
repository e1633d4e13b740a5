// The case register's quarters are made ahead daily by a Temporal Schedule (db/cases/partitions.ts,
// workflows/case-partitions), created at API boot like the catalogue's.
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Logger } from 'pino';
import {
  CASE_PARTITIONS_RUN_ID,
  CASE_PARTITIONS_SCHEDULE_ID,
  CASE_PARTITIONS_WORKFLOW,
  type CasePartitionsInput,
} from '../../workflows/case-partitions/api';
import { createScheduleOnce, ensureScheduleInBackground } from '../platform/schedules';

/** Quarters kept ready after the current one: half a year of registrations never waits for DDL. */
export const QUARTERS_AHEAD = 2;

export async function ensureCasePartitionSchedule(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  const input: CasePartitionsInput = { ahead: QUARTERS_AHEAD };
  return createScheduleOnce(client, {
    scheduleId: CASE_PARTITIONS_SCHEDULE_ID,
    // 03:00 in Riga: the quietest hour of the register (an ATTACH waits for statements running on the parent).
    spec: { calendars: [{ hour: 3, minute: 0 }], timezone: 'Europe/Riga' },
    action: {
      type: 'startWorkflow',
      workflowType: CASE_PARTITIONS_WORKFLOW,
      taskQueue,
      workflowId: CASE_PARTITIONS_RUN_ID,
      args: [input],
    },
    // A missed day is caught up once, never run twice at the same time; the next run repairs any failure.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  });
}

export function ensureCasePartitionScheduleInBackground(
  temporal: () => Promise<Client>,
  taskQueue: string,
  logger: Logger,
): { stop(): void } {
  return ensureScheduleInBackground(
    CASE_PARTITIONS_SCHEDULE_ID,
    (client) => ensureCasePartitionSchedule(client, taskQueue),
    temporal,
    logger,
  );
}
