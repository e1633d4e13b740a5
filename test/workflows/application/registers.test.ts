// The steps that call a register, in virtual time: prefill (values written into the draft by JSON Pointer; a failed
// prefill leaves the fields to the citizen) and callSystem (its result feeds later steps; a register that is down
// makes the application wait and say so; a register's refusal fails the run for an operator to look at).
import { expect } from 'chai';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { definitionWith, FakePlatform, RECIPIENT, registerRefuses, runApplication, type RegisterRequest } from './interpreter-harness';
import type { PrefillStep, Step } from '../../../forms/eservice-definition/dsl';

const person: PrefillStep = {
  id: 'person',
  kind: 'prefill',
  register: 'population-register',
  operation: 'getPerson',
  input: { personalCode: { var: 'recipient.id' } },
  set: {
    '/applicant/givenName': 'givenName',
    '/applicant/familyName': 'familyName',
    '/currentAddress': 'declaredAddress.fullAddress',
    '/phone': 'phone',
  },
};
const employer: PrefillStep = {
  id: 'employer',
  kind: 'prefill',
  register: 'enterprise-register',
  operation: 'getCompany',
  input: { regNo: '40003032949' },
  set: { '/employer/name': 'name' },
};
const ANNA = {
  givenName: 'Anna',
  familyName: 'Bērziņa',
  declaredAddress: { fullAddress: 'Ģertrūdes iela 33 - 15, Rīga, LV-1011' },
  phone: null,
};

const tellWhatPrefillDid: Step = {
  id: 'tell',
  kind: 'notify',
  subject: { lv: 's', en: 's' },
  body: { lv: 'person={{steps.person.failed}} employer={{steps.employer.result.name}}', en: '-' },
};

/** The population register refuses; the enterprise register answers. */
function registers(req: RegisterRequest) {
  if (req.register === 'population-register') return registerRefuses('person not found');
  return { name: 'Latvijas Banka' };
}

describe('workflows/application: prefill and callSystem (virtual time)', () => {
  it("prefill writes the register's values into the draft at their pointers (nothing for a missing value)", async () => {
    const platform = new FakePlatform(definitionWith([], { prefill: [person] }), () => ANNA);
    await runApplication(platform, async (app) => {
      await app.until('the prefill', () => platform.callsOf('applyPrefill').length > 0);
      expect(platform.callsOf('callRegister')).to.deep.equal([
        {
          register: 'population-register',
          operation: 'getPerson',
          args: { personalCode: RECIPIENT.id },
          idempotencyKey: `application:${app.caseId}/prefill:person`,
        },
      ]);
      expect(platform.callsOf('applyPrefill')).to.deep.equal([
        {
          caseId: app.caseId,
          values: { applicant: { givenName: 'Anna', familyName: 'Bērziņa' }, currentAddress: 'Ģertrūdes iela 33 - 15, Rīga, LV-1011' },
        },
      ]);
      expect(await app.view()).to.deep.include({ phase: 'draft', status: 'draft' });
      await app.submit({ confirmed: true });
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
      expect(platform.callsOf('markSubmitted')[0].data, 'the submission is what the citizen sent').to.deep.equal({ confirmed: true });
    });
  });

  it('a failed prefill leaves its fields to the citizen: the other prefills apply and the draft can be submitted', async () => {
    const platform = new FakePlatform(definitionWith([tellWhatPrefillDid], { prefill: [person, employer] }), registers);
    await runApplication(platform, async (app) => {
      await app.until('the prefill', () => platform.callsOf('applyPrefill').length > 0);
      expect(platform.callsOf('applyPrefill')[0].values).to.deep.equal({ employer: { name: 'Latvijas Banka' } });
      expect(
        platform.callsOf('callRegister').map((c) => c.register),
        'one quick try, one patient try, then the next prefill',
      ).to.deep.equal(['population-register', 'population-register', 'enterprise-register']);
      expect(platform.callsOf('setWaiting'), 'a draft has no case status to show waiting on').to.deep.equal([]);
      expect(await app.view()).to.deep.include({ phase: 'draft', status: 'draft' });

      await app.submit({ applicant: { givenName: 'Anna' } });
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
      expect(platform.callsOf('notifyRecipient')[0].body.lv).to.equal('person=true employer=Latvijas Banka');
    });
  });

  it('no prefill value at all: the draft is left untouched', async () => {
    const platform = new FakePlatform(definitionWith([], { prefill: [person] }), registers);
    await runApplication(platform, async (app) => {
      await app.submit({});
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
      expect(platform.callsOf('callRegister')).to.have.length(2);
      expect(platform.callsOf('applyPrefill')).to.deep.equal([]);
    });
  });

  it('callSystem passes the evaluated input and keeps the result for the next steps', async () => {
    const platform = new FakePlatform(
      definitionWith([
        {
          id: 'lookup',
          kind: 'callSystem',
          register: 'enterprise-register',
          operation: 'getCompany',
          input: { regNo: { var: 'form.regNo' } },
        },
        {
          id: 'tell',
          kind: 'notify',
          subject: { lv: 's', en: 's' },
          body: { lv: '{{steps.lookup.result.name}}', en: '{{steps.lookup.result.status}}' },
        },
      ]),
      () => ({ name: 'SIA Piemērs', status: 'active' }),
    );
    await runApplication(platform, async (app) => {
      await app.submit({ regNo: '40003032949' });
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
      expect(platform.callsOf('callRegister')).to.deep.equal([
        {
          register: 'enterprise-register',
          operation: 'getCompany',
          args: { regNo: '40003032949' },
          idempotencyKey: `application:${app.caseId}/lookup`,
        },
      ]);
      expect(platform.callsOf('notifyRecipient')[0].body).to.deep.equal({ lv: 'SIA Piemērs', en: 'active' });
      expect(platform.callsOf('setWaiting')).to.deep.equal([]);
    });
  });

  it('callSystem at a register that is down: the case says it waits for it, and continues when it answers', async () => {
    let calls = 0;
    const platform = new FakePlatform(
      definitionWith([{ id: 'lookup', kind: 'callSystem', register: 'population-register', operation: 'getDeclaredAddress', input: {} }]),
      () => {
        calls += 1;
        // The four quick attempts and the first two patient ones fail; the seventh call is answered.
        if (calls <= 6) throw ApplicationFailure.create({ type: 'SystemUnavailableError', message: 'register down' });
        return { fullAddress: 'x' };
      },
    );
    await runApplication(platform, async (app) => {
      await app.submit({});
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
      expect(calls).to.equal(7);
      expect(platform.callsOf('setWaiting')).to.deep.equal([
        { caseId: app.caseId, waitingFor: 'population-register' },
        { caseId: app.caseId, waitingFor: null },
      ]);
      expect((await app.view()).waitingFor).to.equal(null);
    });
  });

  it('callSystem refused by the register fails the run (for an operator), with no later step and no end status', async () => {
    const platform = new FakePlatform(
      definitionWith([
        { id: 'lookup', kind: 'callSystem', register: 'population-register', operation: 'getDeclaredAddress', input: {} },
        { id: 'done', kind: 'setStatus', status: 'answered' },
      ]),
      registers,
    );
    await runApplication(platform, async (app) => {
      await app.submit({});
      const failure = await app.handle.result().then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).to.be.instanceOf(WorkflowFailedError);
      const activityFailure = (failure as WorkflowFailedError).cause;
      expect(activityFailure).to.be.instanceOf(ActivityFailure);
      expect((activityFailure as ActivityFailure).cause)
        .to.be.instanceOf(ApplicationFailure)
        .and.include({ type: 'SystemRejectedError', message: 'person not found' });
      expect(platform.statuses()).to.deep.equal(['submitted']);
      expect(platform.callsOf('callRegister').map((c) => c.idempotencyKey)).to.deep.equal([
        `application:${app.caseId}/lookup`,
        `application:${app.caseId}/lookup`,
      ]);
      expect(platform.callsOf('setWaiting')).to.deep.equal([{ caseId: app.caseId, waitingFor: 'population-register' }]);
    });
  });
});
