// The freshness check runs daily as a Temporal Schedule. Every API node makes sure it exists at boot; the first one
// creates it, the others find it there. Temporal may still be starting, so this retries in the background.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { CATALOG_FRESHNESS_RUN_ID, CATALOG_FRESHNESS_SCHEDULE_ID, CATALOG_FRESHNESS_WORKFLOW } from '../../workflows/catalog/api';

export async function ensureCatalogSchedules(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
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
    return 'created';
  } catch (e) {
    if (e instanceof ScheduleAlreadyRunning) return 'exists';
    throw e;
  }
}

export function ensureCatalogSchedulesInBackground(temporal: () => Promise<Client>, taskQueue: string, logger: Logger): { stop(): void } {
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  const attempt = (delayMs: number) => {
    timer = setTimeout(() => {
      temporal()
        .then((client) => ensureCatalogSchedules(client, taskQueue))
        .then(
          (result) => logger.info({ schedule: CATALOG_FRESHNESS_SCHEDULE_ID, result }, 'catalogue schedule ready'),
          (err: unknown) => {
            if (stopped) return;
            failures += 1;
            // Said once; Temporal may simply still be starting (or be down for a while: the API works without it).
            if (failures === 1) logger.warn({ err }, 'catalogue schedule not yet created; retrying in the background');
            else logger.debug({ err, failures }, 'catalogue schedule not yet created; retrying');
            attempt(Math.min(delayMs * 2 || 1000, 60_000));
          },
        );
    }, delayMs);
    timer.unref();
  };
  attempt(0);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
