// The task step in virtual time: an officer's approve, reject (ending the application, or not with rejectEnds: false)
// and requestInfo (the citizen answers, a fresh task goes back to the officer who asked).
import { expect } from 'chai';
import { definitionWith, FakePlatform, OFFICER, OTHER_OFFICER, refusal, runApplication } from './interpreter-harness';
import type { Step, TaskStep } from '../../../forms/eservice-definition/dsl';

function review(more: Partial<TaskStep> = {}): TaskStep {
  return {
    id: 'review',
    kind: 'task',
    title: { lv: 'Izskatīt', en: 'Review' },
    instructions: { lv: 'Pārbaudiet', en: 'Check' },
    dueIn: '5 days',
    outcomes: ['approve', 'reject', 'requestInfo'],
    ...more,
  };
}

const decisionLetter: Step = {
  id: 'letter',
  kind: 'issueDocument',
  documentType: 'decision',
  documentTitle: { lv: 'Lēmums', en: 'Decision' },
  body: {
    lv: '{{steps.review.outcome}} ({{steps.review.officer}}, {{steps.review.attempt}}): {{steps.review.message}}',
    en: '{{steps.review.outcome}}',
  },
};

describe('workflows/application: task (virtual time)', () => {
  it("opens the task in the agency's inbox; claimed and approved, the application goes on with the decision", async () => {
    const platform = new FakePlatform(definitionWith([review(), decisionLetter]));
    await runApplication(platform, async (app) => {
      await app.submit({});
      const open = await app.until('the task', (v) => v.openTask !== null);
      expect(open.openTask).to.deep.equal({
        id: `${app.caseId}:review:1`,
        stepId: 'review',
        claimedBy: null,
        outcomes: ['approve', 'reject', 'requestInfo'],
      });
      // The view shows the task before its inbox row is written (so a claim never misses it): wait for the row.
      await app.until('the inbox row', () => platform.callsOf('openTask').length > 0);
      expect(platform.callsOf('openTask')).to.deep.equal([
        {
          taskId: `${app.caseId}:review:1`,
          caseId: app.caseId,
          agencyId: 'pmlp',
          stepId: 'review',
          title: { lv: 'Izskatīt', en: 'Review' },
          instructions: { lv: 'Pārbaudiet', en: 'Check' },
          outcomes: ['approve', 'reject', 'requestInfo'],
          dueIn: '5 days',
        },
      ]);
      expect(await app.claim()).to.deep.equal({ taskId: `${app.caseId}:review:1`, claimedBy: OFFICER.id });
      expect((await app.view()).openTask?.claimedBy).to.equal(OFFICER.id);
      expect((await app.complete('approve')).status).to.equal('completed');
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });

      expect(platform.callsOf('claimTask')).to.deep.equal([{ taskId: `${app.caseId}:review:1`, officer: OFFICER }]);
      expect(platform.callsOf('closeTask')).to.deep.equal([
        { taskId: `${app.caseId}:review:1`, outcome: 'approve', message: null, officer: OFFICER },
      ]);
      expect(platform.statuses()).to.deep.equal(['submitted', 'in_progress', 'completed']);
      expect(platform.callsOf('issueDocument')[0].body.lv).to.equal(`approve (${OFFICER.id}, 1): `);
    });
  });

  it("a rejection ends the application with the officer's message, as the officer", async () => {
    const platform = new FakePlatform(definitionWith([review(), decisionLetter]));
    await runApplication(platform, async (app) => {
      await app.submit({});
      const answer = await app.decide('reject', 'Nav tiesiska pamata');
      expect(answer).to.deep.equal({ status: 'rejected', label: 'Nav tiesiska pamata' });
      expect(await app.handle.result()).to.deep.equal({ status: 'rejected' });
      expect(platform.statuses()).to.deep.equal(['submitted', 'in_progress', 'rejected']);
      const rejected = platform.callsOf('recordStatus').at(-1);
      expect(rejected.label).to.deep.equal({ lv: 'Nav tiesiska pamata', en: 'Nav tiesiska pamata' });
      expect(rejected.actor).to.deep.equal(OFFICER);
      expect(platform.callsOf('issueDocument'), 'no step after a rejection').to.deep.equal([]);
    });
  });

  it('with rejectEnds: false a rejection is recorded and the next steps run (here: the decision letter)', async () => {
    const platform = new FakePlatform(definitionWith([review({ rejectEnds: false }), decisionLetter]));
    await runApplication(platform, async (app) => {
      await app.submit({});
      await app.decide('reject', 'Daļēji noraidīts');
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
      expect(platform.statuses()).to.deep.equal(['submitted', 'in_progress', 'completed']);
      expect(platform.callsOf('closeTask')[0]).to.deep.include({ outcome: 'reject', message: 'Daļēji noraidīts' });
      expect(platform.callsOf('issueDocument')[0].body.lv).to.equal(`reject (${OFFICER.id}, 1): Daļēji noraidīts`);
    });
  });

  it("requestInfo asks the citizen with the officer's message; her answer opens a fresh task, claimed by the officer who asked", async () => {
    const platform = new FakePlatform(definitionWith([review(), decisionLetter]));
    await runApplication(platform, async (app) => {
      await app.submit({});
      const asked = await app.decide('requestInfo', 'Pievienojiet īres līgumu');
      expect(asked).to.deep.equal({ status: 'info_requested', label: 'Pievienojiet īres līgumu' });
      expect((await app.view()).openTask, 'no task while the citizen is asked').to.equal(null);
      await app.provideInfo({ note: 'Līgums pielikumā' }, ['lease.pdf']);
      const second = await app.until('the second task', (v) => v.openTask?.id === `${app.caseId}:review:2`);
      expect(second.openTask?.claimedBy, 'back to the officer who asked').to.equal(OFFICER.id);
      await app.until('the claim written over the inbox row', () => platform.callsOf('claimTask').length === 2);
      expect(platform.callsOf('claimTask')[1]).to.deep.equal({ taskId: `${app.caseId}:review:2`, officer: OFFICER });
      expect(await refusal(app.claim(OTHER_OFFICER)), 'a colleague cannot take it over').to.equal('task_claimed_by_other');
      expect(await app.complete('approve')).to.deep.include({ status: 'completed' });
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });

      expect(platform.statuses()).to.deep.equal(['submitted', 'in_progress', 'info_requested', 'in_progress', 'completed']);
      const request = platform.callsOf('recordStatus')[2];
      expect(request.label).to.deep.equal({ lv: 'Pievienojiet īres līgumu', en: 'Pievienojiet īres līgumu' });
      expect(request.actor, 'the officer asked').to.deep.equal(OFFICER);
      expect(platform.callsOf('notifyRecipient')[0]).to.deep.include({
        idempotencyKey: `application:${app.caseId}/notify:review:1:info`,
        body: { lv: 'Pievienojiet īres līgumu', en: 'Pievienojiet īres līgumu' },
      });
      expect(platform.callsOf('recordInfoAnswer')[0]).to.deep.include({ data: { note: 'Līgums pielikumā' }, fileIds: ['lease.pdf'] });
      expect(platform.callsOf('openTask').map((t) => t.taskId)).to.deep.equal([`${app.caseId}:review:1`, `${app.caseId}:review:2`]);
      expect(platform.callsOf('closeTask').map((t) => t.outcome)).to.deep.equal(['requestInfo', 'approve']);
      expect(platform.callsOf('issueDocument')[0].body.lv).to.equal(`approve (${OFFICER.id}, 2): `);
    });
  });
});
