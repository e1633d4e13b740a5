// Each Temporal Schedule the platform runs is made sure of at API boot: the first node creates it, the others find it
// there. Temporal may still be starting (or be down a while: the API works without it), so this retries in the
// background with a growing delay, says so once, and stops when the API closes.
import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Logger } from 'pino';

/** Creates the schedule unless a node already did: 'exists' then, never a second schedule. */
export async function createScheduleOnce(client: Client, options: ScheduleOptions): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (e) {
    if (e instanceof ScheduleAlreadyRunning) return 'exists';
    throw e;
  }
}

export function ensureScheduleInBackground(
  scheduleId: string,
  ensure: (client: Client) => Promise<'created' | 'exists'>,
  temporal: () => Promise<Client>,
  logger: Logger,
): { stop(): void } {
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  const attempt = (delayMs: number) => {
    timer = setTimeout(() => {
      temporal()
        .then((client) => ensure(client))
        .then(
          (result) => logger.info({ schedule: scheduleId, result }, 'schedule ready'),
          (err: unknown) => {
            if (stopped) return;
            failures += 1;
            if (failures === 1) logger.warn({ err, schedule: scheduleId }, 'schedule not yet created; retrying in the background');
            else logger.debug({ err, failures, schedule: scheduleId }, 'schedule not yet created; retrying');
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
