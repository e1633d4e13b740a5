// The catalogue freshness check runs at 06:00 in Riga, winter (EET, UTC+2) and summer (EEST, UTC+3) alike. The
// time-skipping server has no schedules, so this asks the dev server of the run what it computes: the schedule the
// API created at boot, and copies of the exact options `ensureCatalogSchedules` passes, starting on dates around
// both 2027 clock changes (last Sundays of March and October). Expected instants are literal UTC.
import { expect } from 'chai';
import type { Client, ScheduleOptions } from '@temporalio/client';
import { ensureCatalogSchedules } from '../../../api/catalog/schedules';
import { CATALOG_FRESHNESS_SCHEDULE_ID } from '../../../workflows/catalog/api';
import { uniqueSuffix } from '../../helpers/cases';
import { waitFor } from '../../helpers/wait';
import { stack } from '../../setup';

/** The options the production code gives `client.schedule.create`, captured without creating anything. */
async function productionScheduleOptions(): Promise<ScheduleOptions> {
  let captured: ScheduleOptions | undefined;
  const capturing = {
    schedule: {
      create: async (opts: ScheduleOptions) => {
        captured = opts;
      },
    },
  } as unknown as Client;
  expect(await ensureCatalogSchedules(capturing, 'any-queue')).to.equal('created');
  return captured!;
}

/** The server's next action times for the production options, as if the schedule started at `startAt`. */
async function nextRunsFrom(startAt: string, count: number): Promise<string[]> {
  const client = await stack.api.deps.temporal();
  const opts = await productionScheduleOptions();
  const scheduleId = `freshness-copy-${uniqueSuffix()}`;
  const handle = await client.schedule.create({
    ...opts,
    scheduleId,
    spec: { ...opts.spec, startAt: new Date(startAt) },
    state: { paused: true },
  });
  try {
    const { info } = await handle.describe();
    return info.nextActionTimes.slice(0, count).map((d) => d.toISOString());
  } finally {
    await handle.delete();
  }
}

describe('catalogue freshness schedule (dev server)', () => {
  it('is created at API boot to start the freshness workflow at 06:00 Riga time every day', async () => {
    const client = await stack.api.deps.temporal();
    const schedule = client.schedule.getHandle(CATALOG_FRESHNESS_SCHEDULE_ID);
    const described = await waitFor('the freshness schedule', async () => schedule.describe());
    expect(described.action).to.deep.include({
      type: 'startWorkflow',
      workflowType: 'catalogFreshnessWorkflow',
      taskQueue: stack.taskQueue,
    });
    // Independent of the server's tz data: ICU's Europe/Riga says each next run is at 06:00 local, one day apart.
    const riga = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Riga', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const next = described.info.nextActionTimes;
    expect(next.length).to.be.greaterThan(2);
    expect(next.map((d) => riga.format(d))).to.deep.equal(next.map(() => '06:00'));
  });

  it('runs at 04:00Z in winter and 03:00Z in summer', async () => {
    expect(await nextRunsFrom('2027-01-14T12:00:00Z', 2)).to.deep.equal(['2027-01-15T04:00:00.000Z', '2027-01-16T04:00:00.000Z']);
    expect(await nextRunsFrom('2027-07-14T12:00:00Z', 2)).to.deep.equal(['2027-07-15T03:00:00.000Z', '2027-07-16T03:00:00.000Z']);
  });

  it('follows the clock changes: 28 March 2027 moves it an hour earlier in UTC, 31 October 2027 an hour later', async () => {
    expect(await nextRunsFrom('2027-03-26T12:00:00Z', 3)).to.deep.equal([
      '2027-03-27T04:00:00.000Z',
      '2027-03-28T03:00:00.000Z',
      '2027-03-29T03:00:00.000Z',
    ]);
    expect(await nextRunsFrom('2027-10-29T12:00:00Z', 3)).to.deep.equal([
      '2027-10-30T03:00:00.000Z',
      '2027-10-31T04:00:00.000Z',
      '2027-11-01T04:00:00.000Z',
    ]);
  });
});
