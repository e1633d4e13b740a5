// The shipped residence declaration in virtual time: after the officer approves, the population register records the
// new declared address (callSystem declareResidence) with the address the address register confirmed, the stated
// basis and the document; the key is derived from the case and the step, so every attempt of a retried call carries
// the same one (the register records it once). A rejection records nothing; a register that is down makes the
// application wait and say so, then complete.
import { expect } from 'chai';
import { ApplicationFailure } from '@temporalio/common';
import { shippedDefinition } from '../../../scripts/seed/eservices';
import type { EServiceDefinition } from '../../../forms/eservice-definition/dsl';
import { FakePlatform, RECIPIENT, runApplication, type RegisterRequest } from './interpreter-harness';

const definition = shippedDefinition('residence-declaration') as unknown as EServiceDefinition;
const NEW_ADDRESS = { code: '105360219', fullAddress: 'Brīvības iela 137 - 4, Rīga, LV-1012', municipalityCode: '0001000' };
const LEASE = { kind: 'lease-agreement', number: 'ĪL-2026/118', date: '2026-11-20' };
const FORM = {
  applicant: { givenName: 'Anna', familyName: 'Bērziņa', personalCode: RECIPIENT.id },
  newAddress: { text: NEW_ADDRESS.fullAddress },
  residenceBasis: 'tenant',
  residenceDocument: LEASE,
  declarationDate: '2026-12-01',
  confirm: true,
};

/** The registers as the definition meets them; `declare` answers the population register's declareResidence. */
function registers(declare: (req: RegisterRequest) => unknown = () => ({ declarationId: 'd-1', duplicate: false })) {
  return (req: RegisterRequest) => {
    if (req.operation === 'validate') return { valid: true, address: NEW_ADDRESS, reason: null };
    if (req.operation === 'getPerson') return { givenName: 'Anna', familyName: 'Bērziņa', declaredAddress: null };
    if (req.operation === 'declareResidence') return declare(req);
    throw new Error(`unexpected register call ${req.register}.${req.operation}`);
  };
}

const declarations = (platform: FakePlatform) => platform.callsOf('callRegister').filter((c) => c.operation === 'declareResidence');

describe('workflows/application: the residence declaration updates the population register (virtual time)', () => {
  it('after approval records the confirmed address, the basis and the document, once, before the decision document', async () => {
    const platform = new FakePlatform(definition, registers());
    await runApplication(platform, async (app) => {
      await app.submit(FORM);
      await app.until('the officer task', (v) => v.openTask !== null);
      expect(declarations(platform), 'nothing is recorded before the decision').to.deep.equal([]);
      await app.decide('approve');
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
      expect(declarations(platform)).to.deep.equal([
        {
          register: 'population-register',
          operation: 'declareResidence',
          args: {
            personalCode: RECIPIENT.id,
            addressCode: NEW_ADDRESS.code,
            declaredFrom: '2026-12-01',
            basis: 'tenant',
            document: LEASE,
            caseId: app.caseId,
          },
          idempotencyKey: `application:${app.caseId}/population-register/declare-residence`,
        },
      ]);
      const order = platform.calls.map((c) => (c.activity === 'callRegister' ? `${c.activity}:${c.request.operation}` : c.activity));
      const at = (name: string) => order.indexOf(name);
      expect(at('closeTask')).to.be.lessThan(at('callRegister:declareResidence'));
      expect(at('callRegister:declareResidence')).to.be.lessThan(at('issueDocument'));
      expect(platform.statuses().at(-1)).to.equal('completed');
    });
  });

  it('a rejection records nothing in the register', async () => {
    const platform = new FakePlatform(definition, registers());
    await runApplication(platform, async (app) => {
      await app.submit({ ...FORM, residenceBasis: 'owner', residenceDocument: undefined });
      await app.decide('reject', 'Adrese nav jūsu dzīvesvieta.');
      expect(await app.handle.result()).to.deep.equal({ status: 'rejected' });
      expect(declarations(platform)).to.deep.equal([]);
    });
  });

  it('a register that is down makes the application wait, then records with the same key on every attempt', async () => {
    let attempts = 0;
    const platform = new FakePlatform(
      definition,
      registers(() => {
        attempts += 1;
        if (attempts <= 5) throw ApplicationFailure.create({ type: 'SystemUnavailableError', message: 'register down' });
        return { declarationId: 'd-1', duplicate: false };
      }),
    );
    await runApplication(platform, async (app) => {
      await app.submit(FORM);
      await app.decide('approve');
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });
      const keys = new Set(declarations(platform).map((c) => c.idempotencyKey));
      expect(declarations(platform)).to.have.length(6);
      expect([...keys]).to.deep.equal([`application:${app.caseId}/population-register/declare-residence`]);
      expect(platform.callsOf('setWaiting')).to.deep.equal([
        { caseId: app.caseId, waitingFor: 'population-register' },
        { caseId: app.caseId, waitingFor: null },
      ]);
    });
  });
});
