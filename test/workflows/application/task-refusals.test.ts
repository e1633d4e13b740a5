// What an officer's claim or decision is refused with (the update validators of workflow.ts), each refusal read by
// its type: nothing of a refused update reaches the platform, and the task stays open for the right decision.
import { expect } from 'chai';
import { definitionWith, FakePlatform, OFFICER, OTHER_OFFICER, refusal, runApplication } from './interpreter-harness';
import { completeTaskUpdate } from '../../../workflows/application/api';

const twoOutcomes = definitionWith([
  {
    id: 'review',
    kind: 'task',
    title: { lv: 'Izskatīt', en: 'Review' },
    dueIn: '5 days',
    outcomes: ['approve', 'reject'],
  },
]);

describe('workflows/application: refused task updates (virtual time)', () => {
  it('refuses a claim of a task another officer holds, and a completion by anyone but the claimant', async () => {
    const platform = new FakePlatform(twoOutcomes);
    await runApplication(platform, async (app) => {
      await app.submit({});
      await app.claim(OFFICER);
      expect(await refusal(app.claim(OTHER_OFFICER))).to.equal('task_claimed_by_other');
      expect(await refusal(app.complete('approve', undefined, OTHER_OFFICER))).to.equal('task_not_claimed');
      expect(await app.claim(OFFICER), 'the claimant may claim again').to.deep.include({ claimedBy: OFFICER.id });
      expect(platform.callsOf('claimTask').map((c) => c.officer.id)).to.deep.equal([OFFICER.id, OFFICER.id]);
      expect((await app.view()).openTask?.claimedBy).to.equal(OFFICER.id);
      await app.complete('approve');
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
      expect(platform.callsOf('closeTask').map((c) => c.officer.id)).to.deep.equal([OFFICER.id]);
    });
  });

  it('refuses an outcome the step does not allow, a decision without a message, another agency and another task', async () => {
    const platform = new FakePlatform(twoOutcomes);
    await runApplication(platform, async (app) => {
      await app.submit({});
      const taskId = (await app.until('the task', (v) => v.openTask !== null)).openTask!.id;
      expect(await refusal(app.complete('approve')), 'unclaimed').to.equal('task_not_claimed');
      await app.claim();
      expect(await refusal(app.complete('requestInfo', 'Kāpēc?'))).to.equal('outcome_not_allowed');
      expect(await refusal(app.complete('reject'))).to.equal('message_required');
      expect(await refusal(app.complete('reject', '   '))).to.equal('message_required');
      const foreign = { ...OFFICER, id: 'officer-vid', agency: 'vid' };
      expect(await refusal(app.claim(foreign))).to.equal('task_of_other_agency');
      expect(
        await refusal(
          app.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: `${taskId}-x`, outcome: 'approve', officer: OFFICER }] }),
        ),
      ).to.equal('task_not_open');
      expect(platform.callsOf('closeTask'), 'no refused decision reaches the inbox').to.deep.equal([]);
      expect(platform.statuses()).to.deep.equal(['submitted', 'in_progress']);

      await app.complete('reject', 'Nav pamata');
      expect(await app.handle.result()).to.deep.equal({ status: 'rejected' });
    });
  });
});
