// The draft's own timers, in virtual time: a reminder `reminderBefore` the end of its `ttl`, then expiry (the
// application is withdrawn with "the draft expired"); a submission before the reminder cancels both.
import { expect } from 'chai';
import type { Duration } from '@temporalio/common';
import type { EServiceDefinition } from '../../../workflows/application/dsl';
import { applicationWorkflow, submitUpdate } from '../../../workflows/application/workflow';
import { timeSkippingEnvironment, withWorker } from '../../helpers/time-skipping';

const DAY = 86_400_000;

function draftOnly(draft?: EServiceDefinition['draft']): EServiceDefinition {
  return {
    dslVersion: 1, id: 'draft-timers', serviceId: 'svc', title: { lv: 'Tests', en: 'Test' }, ...(draft ? { draft } : {}),
    form: { schema: { type: 'object' } }, steps: [],
  };
}

/** Activities that record, in the test server's virtual time, when the workflow asked for what. */
function recordingActivities(definition: EServiceDefinition, clock: () => Promise<number>) {
  const events: Array<{ day: number; what: string }> = [];
  let start = 0;
  const log = async (what: string) => { events.push({ day: Math.round(((await clock()) - start) / DAY * 10) / 10, what }); };
  return {
    events,
    begin: (at: number) => { start = at; },
    activities: {
      async loadDefinition() { return definition; },
      async applyPrefill() {},
      async recordStatus(req: { status: string; label: { en: string } | null }) { await log(`status:${req.status}${req.label ? ` (${req.label.en})` : ''}`); },
      async deliverStatusToEAddress() { return null; },
      async notifyRecipient(req: { idempotencyKey: string; subject: { en: string } }) { await log(`notify:${req.idempotencyKey.split('/notify:').pop()} (${req.subject.en})`); },
      async markSubmitted() { await log('submitted'); },
      async cancelOpenTasks() {},
    },
  };
}

const input = (caseId: string) => ({
  caseId, definitionId: 'draft-timers', version: 1, agencyId: 'PMLP', recipient: { type: 'natural', id: '010190-10000' },
  createdBy: { type: 'citizen' as const, id: 'natural:010190-10000' },
});

async function runDraft(definition: EServiceDefinition, during?: (handle: { submit: () => Promise<unknown> }, sleep: (d: Duration) => Promise<void>) => Promise<void>) {
  const env = await timeSkippingEnvironment();
  const rec = recordingActivities(definition, () => env.currentTimeMs());
  let result: unknown;
  await withWorker(rec.activities, async ({ taskQueue }) => {
    rec.begin(await env.currentTimeMs());
    const handle = await env.client.workflow.start(applicationWorkflow, { taskQueue, workflowId: `application:draft-${Date.now()}-${Math.random()}`, args: [input('draft-1')] });
    await during?.({ submit: () => handle.executeUpdate(submitUpdate, { args: [{ data: { a: 1 }, actor: input('x').createdBy }] }) }, (d) => env.sleep(d));
    result = await handle.result();
  });
  return { events: rec.events, result };
}

describe('application draft timers (virtual time)', () => {
  it('reminds the citizen reminderBefore the ttl ends, then withdraws the draft as expired', async () => {
    const run = await runDraft(draftOnly({ ttl: '10 days', reminderBefore: '2 days' }));
    expect(run.result).to.deep.equal({ status: 'withdrawn' });
    expect(run.events).to.deep.equal([
      { day: 8, what: 'notify:draft-reminder (Your draft application will expire soon)' },
      { day: 10, what: 'status:withdrawn (The draft expired)' },
    ]);
  });

  it('keeps a draft 30 days by default, with the reminder 3 days before', async () => {
    const run = await runDraft(draftOnly());
    expect(run.events).to.deep.equal([
      { day: 27, what: 'notify:draft-reminder (Your draft application will expire soon)' },
      { day: 30, what: 'status:withdrawn (The draft expired)' },
    ]);
  });

  it('sends no reminder and never expires a draft submitted in time', async () => {
    const run = await runDraft(draftOnly({ ttl: '10 days', reminderBefore: '2 days' }), async (h, sleep) => {
      await sleep('5 days');
      await h.submit();
    });
    expect(run.result).to.deep.equal({ status: 'completed' });
    expect(run.events.map((e) => e.what)).to.deep.equal(['submitted', 'status:submitted', 'status:completed']);
    expect(run.events.every((e) => e.day === 5)).to.equal(true);
  });

  it('a reminder longer than the ttl is sent at once and the draft still lives the whole ttl', async () => {
    const run = await runDraft(draftOnly({ ttl: '2 days', reminderBefore: '5 days' }));
    expect(run.events).to.deep.equal([
      { day: 0, what: 'notify:draft-reminder (Your draft application will expire soon)' },
      { day: 2, what: 'status:withdrawn (The draft expired)' },
    ]);
  });
});
