// A register that was down comes back (issue 13, section 7): waiting applications continue within 30 s. Asserted on
// the retry schedule Temporal keeps for the waiting call (no timing assertions): the patient attempt's policy waits
// at most 15 s between attempts, its budget is stated in time (three days), and the next attempt is never more
// than 15 s after the last. Then the outage ends and the application continues.
import { expect } from 'chai';
import { temporal } from '@temporalio/proto';
import { stack } from '../../setup';
import { waitFor } from '../../helpers/wait';
import { openResidenceDeclaration, waitForPrefill } from '../../helpers/applications';
import { applicationWorkflowId, viewQuery } from '../../../workflows/application/api';

const EventType = temporal.api.enums.v1.EventType;
const seconds = (d: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(d?.seconds ?? 0) + (d?.nanos ?? 0) / 1e9;

async function setOutage(outage: boolean): Promise<void> {
  const res = await fetch(`${stack.simulators.urls.populationRegister}/_faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outage }),
  });
  expect(res.status, await res.text()).to.equal(200);
}

describe('workflows/application: a register comes back', function () {
  this.timeout(180_000);
  after(() => setOutage(false));

  it('an application waiting for the population register retries at most 15 s apart and continues when it is back', async () => {
    await setOutage(true);
    const client = stack.temporal.client;
    const app = await openResidenceDeclaration(stack.db.pool, async () => client, stack.taskQueue, 7);
    const handle = client.workflow.getHandle(applicationWorkflowId(app.caseId));
    // The quick attempts are spent; the application now waits patiently (the citizen sees why).
    await waitFor(
      'the application waits for the register',
      async () => (await handle.query(viewQuery)).waitingFor === 'population-register',
      60_000,
    );

    const { events } = await handle.fetchHistory();
    const scheduled = (events ?? []).filter(
      (e) =>
        e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED &&
        e.activityTaskScheduledEventAttributes?.activityType?.name === 'callRegister',
    );
    const patient = scheduled.at(-1)!.activityTaskScheduledEventAttributes!;
    expect(scheduled.length, 'a quick call, then the patient one').to.be.at.least(2);
    expect(seconds(patient.retryPolicy?.maximumInterval), 'longest wait between attempts (s)').to.be.at.most(20);
    expect(seconds(patient.scheduleToCloseTimeout), 'retry budget (s)').to.equal(3 * 86_400);

    // What Temporal will do next: the next attempt is scheduled at most 15 s after the last one failed.
    const pending = await waitFor(
      'a failed patient attempt',
      async () => {
        const described = await handle.describe();
        const p = described.raw.pendingActivities?.find((a) => a.activityType?.name === 'callRegister' && a.nextAttemptScheduleTime);
        return p && (p.attempt ?? 0) >= 2 && p.lastAttemptCompleteTime ? p : undefined;
      },
      60_000,
    );
    const gap = seconds(pending.nextAttemptScheduleTime) - seconds(pending.lastAttemptCompleteTime);
    expect(gap, 'seconds from the last attempt to the next').to.be.at.most(16); // 15 s and the server's rounding

    await setOutage(false);
    const draft = await waitForPrefill(stack.db.pool, app.caseId, 60_000);
    expect(draft.applicant.givenName).to.be.a('string');
    expect((await handle.query(viewQuery)).waitingFor).to.equal(null);
  });
});
