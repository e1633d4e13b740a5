// The registryCheck step in virtual time: a check that passes, one that rejects at once, and the request-information
// loop (the citizen corrects the field, the check runs again) up to the rejection after five failed checks.
import { expect } from 'chai';
import { CITIZEN, definitionWith, FakePlatform, runApplication, type RegisterRequest } from './interpreter-harness';
import type { RegistryCheckStep } from '../../../forms/eservice-definition/dsl';

const KNOWN = 'Brīvības iela 137 - 4, Rīga, LV-1012';
const UNKNOWN = 'Nekurienes iela 1, Rīga';
const FAIL_MESSAGE = { lv: 'Adrese nav atrasta.', en: 'The address was not found.' };

function addressCheck(onFail?: 'reject' | 'requestInfo'): RegistryCheckStep {
  return {
    id: 'check-address',
    kind: 'registryCheck',
    register: 'address-register',
    operation: 'validate',
    input: { text: { var: 'form.newAddress.text' } },
    condition: { '==': [{ var: 'result.valid' }, true] },
    failMessage: FAIL_MESSAGE,
    ...(onFail ? { onFail } : {}),
  };
}

/** The address register: knows one address, and says which code it has. */
const addressRegister = (req: RegisterRequest) =>
  req.args.text === KNOWN ? { valid: true, address: { code: '105360219' } } : { valid: false };

const afterTheCheck = {
  id: 'tell',
  kind: 'notify' as const,
  subject: { lv: 'Adrese pārbaudīta', en: 'Address checked' },
  body: { lv: 'Kods {{steps.check-address.result.address.code}}', en: 'Code {{steps.check-address.result.address.code}}' },
};

describe('workflows/application: registryCheck (virtual time)', () => {
  it("a passing check calls the register with the form's value and keeps its result for later steps", async () => {
    const platform = new FakePlatform(definitionWith([addressCheck('requestInfo'), afterTheCheck]), addressRegister);
    await runApplication(platform, async (app) => {
      await app.submit({ newAddress: { text: KNOWN } });
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
      expect(platform.callsOf('callRegister')).to.deep.equal([
        {
          register: 'address-register',
          operation: 'validate',
          args: { text: KNOWN },
          idempotencyKey: `application:${app.caseId}/check-address:1`,
        },
      ]);
      expect(platform.statuses()).to.deep.equal(['submitted', 'completed']);
      const told = platform.callsOf('notifyRecipient').find((n) => n.idempotencyKey === `application:${app.caseId}/notify:tell`);
      expect(told.body).to.deep.equal({ lv: 'Kods 105360219', en: 'Code 105360219' });
    });
  });

  it('a failed check without onFail rejects the application at once with the fail message; no later step runs', async () => {
    const platform = new FakePlatform(definitionWith([addressCheck(), afterTheCheck]), addressRegister);
    await runApplication(platform, async (app) => {
      await app.submit({ newAddress: { text: UNKNOWN } });
      expect(await app.handle.result()).to.deep.equal({ status: 'rejected' });
      expect(platform.callsOf('callRegister')).to.have.length(1);
      expect(platform.statuses()).to.deep.equal(['submitted', 'rejected']);
      expect(platform.callsOf('recordStatus')[1].label).to.deep.equal(FAIL_MESSAGE);
      expect(platform.callsOf('notifyRecipient'), 'the step after the check').to.deep.equal([]);
    });
  });

  it('a failed check asks the citizen; her corrected address is checked again and the application continues', async () => {
    const platform = new FakePlatform(definitionWith([addressCheck('requestInfo'), afterTheCheck]), addressRegister);
    await runApplication(platform, async (app) => {
      await app.submit({ newAddress: { text: UNKNOWN }, phone: '+371 20000000' });
      const asked = await app.until('the information request', (v) => v.status === 'info_requested');
      expect(asked.label).to.equal(FAIL_MESSAGE.lv);
      const answered = await app.provideInfo({ newAddress: { text: KNOWN } }, ['file-1']);
      expect(answered.status).to.equal('in_progress');
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });

      expect(platform.callsOf('callRegister').map((c) => [c.args.text, c.idempotencyKey])).to.deep.equal([
        [UNKNOWN, `application:${app.caseId}/check-address:1`],
        [KNOWN, `application:${app.caseId}/check-address:2`],
      ]);
      expect(platform.statuses()).to.deep.equal(['submitted', 'info_requested', 'in_progress', 'completed']);
      const [, request, resumed] = platform.callsOf('recordStatus');
      expect(request.label).to.deep.equal(FAIL_MESSAGE);
      expect(resumed.actor, 'the answer moves the case on, as the citizen').to.deep.equal(CITIZEN);
      expect(platform.callsOf('notifyRecipient')[0]).to.deep.include({
        idempotencyKey: `application:${app.caseId}/notify:check-address:1:info`,
        subject: { lv: 'Nepieciešama papildu informācija', en: 'More information needed' },
        body: FAIL_MESSAGE,
      });
      expect(platform.callsOf('recordInfoAnswer')).to.deep.equal([
        {
          caseId: app.caseId,
          data: { newAddress: { text: KNOWN } },
          fileIds: ['file-1'],
          idempotencyKey: `application:${app.caseId}/info-answer:2`,
        },
      ]);
      // Each attempt's outcome is kept for the officer who decides the case.
      expect(platform.callsOf('recordRegisterCheck').map((c) => [c.stepId, c.attempt, c.passed, c.idempotencyKey])).to.deep.equal([
        ['check-address', 1, false, `application:${app.caseId}/check-address:1/check`],
        ['check-address', 2, true, `application:${app.caseId}/check-address:2/check`],
      ]);
      expect(platform.callsOf('recordRegisterCheck')[1]).to.deep.include({ register: 'address-register', operation: 'validate' });
    });
  });

  it('rejects after the fifth failed check: four requests for information, then the fail message', async () => {
    const platform = new FakePlatform(definitionWith([addressCheck('requestInfo'), afterTheCheck]), addressRegister);
    await runApplication(platform, async (app) => {
      await app.submit({ newAddress: { text: UNKNOWN } });
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        await app.until(`information request ${attempt}`, (v) => v.status === 'info_requested');
        await app.provideInfo({ newAddress: { text: `${UNKNOWN} (${attempt})` } });
      }
      expect(await app.handle.result()).to.deep.equal({ status: 'rejected' });
      expect(platform.callsOf('callRegister').map((c) => c.idempotencyKey.split('/').pop())).to.deep.equal([
        'check-address:1',
        'check-address:2',
        'check-address:3',
        'check-address:4',
        'check-address:5',
      ]);
      expect(platform.callsOf('callRegister')[4].args.text, 'the last answer is what was checked').to.equal(`${UNKNOWN} (4)`);
      expect(platform.statuses()).to.deep.equal([
        'submitted',
        'info_requested',
        'in_progress',
        'info_requested',
        'in_progress',
        'info_requested',
        'in_progress',
        'info_requested',
        'in_progress',
        'rejected',
      ]);
      expect(platform.callsOf('recordStatus').at(-1).label).to.deep.equal(FAIL_MESSAGE);
      expect(platform.callsOf('notifyRecipient').map((n) => n.idempotencyKey.split('/').pop())).to.deep.equal([
        'notify:check-address:1:info',
        'notify:check-address:2:info',
        'notify:check-address:3:info',
        'notify:check-address:4:info',
      ]);
    });
  });
});
