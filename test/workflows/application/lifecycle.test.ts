// An application's life around the steps, in virtual time: the draft's reminder and expiry, a withdrawal while an
// officer's task is open, and the refusals of the citizen's updates (submit twice, answer unasked, withdraw decided).
import { expect } from 'chai';
import { CITIZEN, definitionWith, FakePlatform, refusal, runApplication } from './interpreter-harness';
import { withdrawUpdate } from '../../../workflows/application/api';
import type { Step } from '../../../forms/eservice-definition/dsl';

const review: Step = {
  id: 'review',
  kind: 'task',
  title: { lv: 'Izskatīt', en: 'Review' },
  dueIn: '5 days',
  outcomes: ['approve', 'reject'],
};

describe("workflows/application: draft, withdrawal and the citizen's refusals (virtual time)", () => {
  it('a draft left alone is reminded of reminderBefore its ttl, then expires as withdrawn', async () => {
    const platform = new FakePlatform(definitionWith([], { draft: { ttl: '10 days', reminderBefore: '3 days' } }));
    await runApplication(platform, async (app) => {
      await app.env.sleep('6 days');
      expect(platform.callsOf('notifyRecipient'), 'no reminder on day 6').to.deep.equal([]);
      await app.env.sleep('2 days');
      await app.until('the reminder', () => platform.callsOf('notifyRecipient').length > 0);
      expect(platform.callsOf('notifyRecipient')[0]).to.deep.include({
        idempotencyKey: `application:${app.caseId}/notify:draft-reminder`,
        subject: { lv: 'Jūsu pieteikuma melnraksts drīz tiks dzēsts', en: 'Your draft application will expire soon' },
      });
      expect((await app.view()).status, 'still a draft on day 8').to.equal('draft');
      expect(await app.handle.result()).to.deep.equal({ status: 'withdrawn' });
      expect(platform.statuses()).to.deep.equal(['withdrawn']);
      expect(platform.callsOf('recordStatus')[0].label).to.deep.equal({
        lv: 'Melnraksta derīguma termiņš beidzies',
        en: 'The draft expired',
      });
      expect(platform.callsOf('markSubmitted')).to.deep.equal([]);
    });
  });

  it('without draft rules a draft is reminded after 27 days and expires after 30', async () => {
    const platform = new FakePlatform(definitionWith([]));
    await runApplication(platform, async (app) => {
      await app.env.sleep('26 days');
      expect(platform.callsOf('notifyRecipient')).to.deep.equal([]);
      await app.env.sleep('2 days');
      await app.until('the reminder', () => platform.callsOf('notifyRecipient').length === 1);
      expect((await app.view()).status).to.equal('draft');
      await app.env.sleep('3 days');
      expect(await app.handle.result()).to.deep.equal({ status: 'withdrawn' });
    });
  });

  it('a draft submitted before the reminder gets no reminder and never expires', async () => {
    const platform = new FakePlatform(definitionWith([], { draft: { ttl: '10 days', reminderBefore: '2 days' } }));
    await runApplication(platform, async (app) => {
      await app.env.sleep('5 days');
      await app.submit({ a: 1 });
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
      expect(platform.callsOf('notifyRecipient')).to.deep.equal([]);
      expect(platform.statuses()).to.deep.equal(['submitted', 'completed']);
    });
  });

  it('a reminderBefore longer than the ttl reminds at once, and the draft still lives its whole ttl', async () => {
    const platform = new FakePlatform(definitionWith([], { draft: { ttl: '2 days', reminderBefore: '5 days' } }));
    await runApplication(platform, async (app) => {
      await app.until('the reminder', () => platform.callsOf('notifyRecipient').length === 1);
      await app.env.sleep('1 day');
      expect((await app.view()).status, 'still a draft a day after the reminder').to.equal('draft');
      expect(platform.statuses()).to.deep.equal([]);
      expect(await app.handle.result()).to.deep.equal({ status: 'withdrawn' });
    });
  });

  it('a submission refuses a second one; an answer nobody asked for is refused', async () => {
    const platform = new FakePlatform(definitionWith([review]));
    await runApplication(platform, async (app) => {
      await app.submit({ a: 1 });
      expect(await refusal(app.submit({ a: 2 }))).to.equal('not_draft');
      await app.until('the task', (v) => v.openTask !== null);
      expect(await refusal(app.provideInfo({ late: true }))).to.equal('info_not_requested');
      expect(platform.callsOf('markSubmitted').map((m) => m.data)).to.deep.equal([{ a: 1 }]);
      expect(platform.callsOf('recordInfoAnswer')).to.deep.equal([]);
      await app.decide('approve');
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
    });
  });

  it("a withdrawal while the officer's task is open cancels the task and ends the application as withdrawn", async () => {
    const platform = new FakePlatform(definitionWith([review]));
    await runApplication(platform, async (app) => {
      await app.submit({});
      await app.until('the task', (v) => v.openTask !== null);
      await app.until('the inbox row', () => platform.callsOf('openTask').length === 1);
      await app.settled();
      const answer = await app.handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'Pārdomāju', actor: CITIZEN }] });
      expect(answer).to.deep.equal({ status: 'withdrawn', label: 'Pārdomāju' });
      expect(await app.handle.result()).to.deep.equal({ status: 'withdrawn' });
      expect(platform.callsOf('cancelOpenTasks')).to.deep.equal([{ caseId: app.caseId }]);
      expect(platform.statuses()).to.deep.equal(['submitted', 'in_progress', 'withdrawn']);
      expect(platform.callsOf('recordStatus')[2]).to.deep.include({ label: { lv: 'Pārdomāju', en: 'Pārdomāju' }, actor: CITIZEN });
      expect(platform.callsOf('closeTask')).to.deep.equal([]);
    });
  });

  it('a decided application cannot be withdrawn', async () => {
    const platform = new FakePlatform(
      definitionWith([
        { id: 'answer', kind: 'setStatus', status: 'answered' },
        { id: 'cooling-off', kind: 'wait', duration: '1 day' },
      ]),
    );
    await runApplication(platform, async (app) => {
      await app.submit({});
      await app.until('answered', (v) => v.status === 'answered');
      expect(await refusal(app.handle.executeUpdate(withdrawUpdate, { args: [{ actor: CITIZEN }] }))).to.equal('application_ended');
      expect(await app.handle.result()).to.deep.equal({ status: 'answered' });
      expect(platform.callsOf('cancelOpenTasks')).to.deep.equal([]);
    });
  });
});
