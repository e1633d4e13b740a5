// The freshness check runs daily as a Temporal Schedule. Every API node makes sure it exists at boot; the first one
// creates it, the others find it there. Temporal may still be starting, so this retries in the background.
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { createScheduleOnce, ensureScheduleInBackground } from '../platform/schedules';
import { CATALOG_FRESHNESS_RUN_ID, CATALOG_FRESHNESS_SCHEDULE_ID, CATALOG_FRESHNESS_WORKFLOW } from '../../workflows/catalog/api';

export async function ensureCatalogSchedules(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  return createScheduleOnce(client, {
    scheduleId: CATALOG_FRESHNESS_SCHEDULE_ID,
    // 06:00 in Riga, before office hours, so reminders are waiting when staff start work.
    spec: { calendars: [{ hour: 6, minute: 0 }], timezone: 'Europe/Riga' },
    action: {
      type: 'startWorkflow',
      workflowType: CATALOG_FRESHNESS_WORKFLOW,
      taskQueue,
      workflowId: CATALOG_FRESHNESS_RUN_ID,
      args: [],
    },
    // A missed day (Temporal down) is caught up once, never run twice at the same time.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  });
}

export function ensureCatalogSchedulesInBackground(temporal: () => Promise<Client>, taskQueue: string, logger: Logger): { stop(): void } {
  return ensureScheduleInBackground(CATALOG_FRESHNESS_SCHEDULE_ID, (client) => ensureCatalogSchedules(client, taskQueue), temporal, logger);
}
