// The steps that steer and speak, in virtual time: branch (then, else, no else), wait (a timer: nothing before it
// fires, the next step after), setStatus (a terminal one stops the run, a decided one is kept at the end), notify and
// issueDocument (their texts rendered from the case).
import { expect } from 'chai';
import { definitionWith, FakePlatform, RECIPIENT, runApplication } from './interpreter-harness';
import type { Step } from '../../../forms/eservice-definition/dsl';

const say = (id: string, lv: string): Step => ({ id, kind: 'notify', subject: { lv: id, en: id }, body: { lv, en: lv } });

const bySize: Step = {
  id: 'size',
  kind: 'branch',
  if: { '>': [{ var: 'form.amount' }, 100] },
  then: [say('big', 'liels {{form.amount}}')],
  else: [say('small', 'mazs {{form.amount}}')],
};

async function runWithAmount(steps: Step[], amount: number) {
  const platform = new FakePlatform(definitionWith(steps));
  const caseId = await runApplication(platform, async (app) => {
    await app.submit({ amount });
    expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
    return app.caseId;
  });
  // Notifications are sent in the background, so they are compared as a set.
  return {
    caseId,
    notices: platform.callsOf('notifyRecipient').map((n) => [n.idempotencyKey.replace(`application:${caseId}/`, ''), n.body.lv]),
  };
}

describe('workflows/application: branch, wait, setStatus, notify, issueDocument (virtual time)', () => {
  it('branch runs `then` when its condition holds, then the step after the branch', async () => {
    const { notices } = await runWithAmount([bySize, say('after', 'pēc')], 150);
    expect(notices).to.have.deep.members([
      ['notify:size/big', 'liels 150'],
      ['notify:after', 'pēc'],
    ]);
  });

  it('branch runs `else` when it does not', async () => {
    const { notices } = await runWithAmount([bySize, say('after', 'pēc')], 100);
    expect(notices).to.have.deep.members([
      ['notify:size/small', 'mazs 100'],
      ['notify:after', 'pēc'],
    ]);
  });

  it('branch without `else` runs nothing when its condition fails', async () => {
    const { notices } = await runWithAmount([{ ...bySize, else: undefined }, say('after', 'pēc')], 7);
    expect(notices).to.deep.equal([['notify:after', 'pēc']]);
  });

  it('wait holds the application for its duration in virtual time, then runs the next step', async () => {
    const platform = new FakePlatform(
      definitionWith([
        { id: 'working', kind: 'setStatus', status: 'in_progress' },
        { id: 'cooling-off', kind: 'wait', duration: '10 days' },
        { id: 'done', kind: 'setStatus', status: 'answered', label: { lv: 'Gatavs', en: 'Ready' } },
      ]),
    );
    await runApplication(platform, async (app) => {
      await app.submit({});
      await app.until('in progress', (v) => v.status === 'in_progress');
      await app.env.sleep('9 days');
      expect((await app.view()).status, 'after 9 of 10 days').to.equal('in_progress');
      expect(platform.statuses()).to.deep.equal(['submitted', 'in_progress']);
      await app.env.sleep('2 days');
      expect((await app.until('answered', (v) => v.status === 'answered')).label).to.equal('Gatavs');
      expect(await app.handle.result()).to.deep.equal({ status: 'answered' });
    });
  });

  it('setStatus records the status with its rendered label; a decided application is not "completed" over it', async () => {
    const platform = new FakePlatform(
      definitionWith([
        {
          id: 'licence',
          kind: 'setStatus',
          status: 'licence_issued',
          label: { lv: 'Licence {{case.id}}', en: 'Licence for {{recipient.name}}' },
        },
      ]),
    );
    await runApplication(platform, async (app) => {
      await app.submit({});
      expect(await app.handle.result()).to.deep.equal({ status: 'licence_issued' });
      expect(platform.statuses()).to.deep.equal(['submitted', 'licence_issued']);
      expect(platform.callsOf('recordStatus')[1]).to.deep.include({
        caseId: app.caseId,
        label: { lv: `Licence ${app.caseId}`, en: `Licence for ${RECIPIENT.name}` },
        idempotencyKey: `application:${app.caseId}/status:2`,
        actor: { type: 'system', id: 'eservice-runtime' },
      });
      // Every status goes to the e-address mailbox once, under the status's own key.
      expect(platform.callsOf('deliverStatusToEAddress').map((d) => [d.status, d.idempotencyKey])).to.deep.equal([
        ['submitted', `application:${app.caseId}/status:1`],
        ['licence_issued', `application:${app.caseId}/status:2`],
      ]);
    });
  });

  it('a terminal setStatus ends the run: no later step', async () => {
    const platform = new FakePlatform(
      definitionWith([{ id: 'no', kind: 'setStatus', status: 'rejected', label: { lv: 'Nē', en: 'No' } }, say('after', 'pēc')]),
    );
    await runApplication(platform, async (app) => {
      await app.submit({});
      expect(await app.handle.result()).to.deep.equal({ status: 'rejected' });
      expect(platform.statuses()).to.deep.equal(['submitted', 'rejected']);
      expect(platform.callsOf('notifyRecipient')).to.deep.equal([]);
    });
  });

  it('issueDocument asks for the document with its body rendered from the form and the recipient', async () => {
    const platform = new FakePlatform(
      definitionWith([
        {
          id: 'statement',
          kind: 'issueDocument',
          documentType: 'statement',
          documentTitle: { lv: 'Izziņa', en: 'Statement' },
          body: { lv: '{{recipient.name}} ({{recipient.id}}): {{form.purpose}}', en: 'for {{form.purpose}}{{form.missing}}' },
        },
        say('after', '{{steps.statement.documentId}}'),
      ]),
    );
    await runApplication(platform, async (app) => {
      await app.submit({ purpose: 'bank' });
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
      expect(platform.callsOf('issueDocument')).to.deep.equal([
        {
          caseId: app.caseId,
          stepId: 'statement',
          documentType: 'statement',
          title: { lv: 'Izziņa', en: 'Statement' },
          body: { lv: 'Anna Bērziņa (010190-10003): bank', en: 'for bank' },
        },
      ]);
      expect(platform.callsOf('notifyRecipient')[0].body.lv, 'the document id is kept for later steps').to.equal(`${app.caseId}:statement`);
    });
  });
});
