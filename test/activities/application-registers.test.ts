// The interpreter's register calls (callRegister in activities/application/register-calls.ts), run in a mock activity
// context on fake adapters and no database: each operation reaches its adapter with the workflow's idempotency key, a
// refusal is a non-retryable failure, an outage a retryable one, and an operation the register does not have ends
// the run. A read that succeeded is audited as a use of the person's data by the case's agency (the pool here only
// records it).
import { expect } from 'chai';
import type { Pool } from 'pg';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { createApplicationActivities } from '../../activities/application';
import { SystemRejectedError, SystemUnavailableError } from '../../activities/adapters/contracts/common';
import type { Person } from '../../activities/adapters/contracts/population-register';
import type { Address } from '../../activities/adapters/contracts/address-register';
import type { Company } from '../../activities/adapters/contracts/enterprise-register';
import { activityEnvironment, fakeAdapters, NO_DATABASE, NO_SEALS, type FakeAdapters } from './fake-adapters';

const KEY = 'application:LV-0001000001-67/step:check-address';
const ANNA: Person = {
  personalCode: '15038511239',
  givenName: 'Anna',
  familyName: 'Bērziņa',
  birthDate: '1985-03-15',
  declaredAddress: {
    addressCode: '101',
    fullAddress: 'Brīvības iela 1 - 2, Rīga, LV-1010',
    municipalityCode: '0001000',
    declaredSince: '2020-01-01',
  },
};
const FLAT: Address = {
  code: '101',
  fullAddress: 'Brīvības iela 1 - 2, Rīga, LV-1010',
  municipalityCode: '0001000',
  postalCode: 'LV-1010',
  residential: true,
};
const GARAGE: Address = {
  code: '102',
  fullAddress: 'Brīvības iela 1 k-9, Rīga, LV-1010',
  municipalityCode: '0001000',
  postalCode: 'LV-1010',
  residential: false,
};
const COMPANY: Company = {
  registrationNumber: '40003000001',
  name: 'SIA Bērziņi',
  legalForm: 'SIA',
  status: 'active',
  registeredOn: '2010-05-05',
  legalAddress: 'Brīvības iela 1, Rīga, LV-1010',
  boardMembers: [
    { personalCode: ANNA.personalCode, name: 'Anna Bērziņa', role: 'chair', since: '2010-05-05', representationRights: 'sole' },
  ],
};

type Request = { register: string; operation: string; args: Record<string, unknown> };

/** A pool that answers the case's recipient (Anna's case at PMLP) and keeps the audit rows written. */
function auditRecordingPool() {
  const rows: Array<Record<string, unknown>> = [];
  const pool = {
    // A statement as text and parameters, or as a named statement's config (db/prepared.ts).
    query(statement: string | { text: string; values: unknown[] }, values?: unknown[]) {
      const [sql, params] = typeof statement === 'string' ? [statement, values ?? []] : [statement.text, statement.values];
      if (/FROM cases c JOIN agencies/.test(sql))
        return Promise.resolve({ rows: [{ recipient_type: 'natural', recipient_id: ANNA.personalCode, agency_id: 'pmlp' }] });
      if (/INSERT INTO audit_log/.test(sql)) {
        rows.push(...(JSON.parse(String(params[0])) as Array<Record<string, unknown>>));
        return Promise.resolve({ rows: [] });
      }
      return Promise.reject(new Error(`unexpected SQL: ${sql}`));
    },
  };
  return { pool: pool as unknown as Pool, rows };
}

describe('activities/application: callRegister on fake adapters (no database)', () => {
  let adapters: FakeAdapters;
  let audited: ReturnType<typeof auditRecordingPool>;
  beforeEach(() => {
    adapters = fakeAdapters({ persons: [ANNA], addresses: [FLAT, GARAGE], companies: [COMPANY] });
    audited = auditRecordingPool();
  });
  const callRegister = (req: Request, env = activityEnvironment(), idempotencyKey = KEY) =>
    env.run(createApplicationActivities({ pool: audited.pool, adapters, seals: NO_SEALS }).callRegister, { ...req, idempotencyKey });
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail('the call succeeded'),
      (e: unknown) => e as ApplicationFailure,
    );

  it("declares a residence with the form's document in the contract's terms, records it once per key and audits it", async () => {
    const queries: unknown[][] = [];
    const pool = { query: async (_sql: string, params: unknown[]) => (queries.push(params), { rows: [], rowCount: 1 }) } as unknown as Pool;
    const declare = () =>
      activityEnvironment().run(createApplicationActivities({ pool, adapters, seals: NO_SEALS }).callRegister, {
        register: 'population-register',
        operation: 'declareResidence',
        args: {
          personalCode: ANNA.personalCode,
          addressCode: '101',
          declaredFrom: '2026-12-01',
          basis: 'tenant',
          document: { kind: 'lease-agreement', number: 'ĪL-2026/118', date: '2026-11-20' },
          caseId: 'LV-0001000001-67',
        },
        idempotencyKey: KEY,
      });
    const first = (await declare()) as { duplicate: boolean; declaredAddress: { addressCode: string } };
    expect(first).to.deep.include({ duplicate: false });
    expect((await declare()) as object, 'a retry with the same key').to.deep.include({ duplicate: true });
    const [call] = adapters.populationRegister.calls;
    expect(call.args).to.deep.equal([
      ANNA.personalCode,
      {
        addressCode: '101',
        declaredFrom: '2026-12-01',
        basis: 'tenant',
        document: { kind: 'lease-agreement', number: 'ĪL-2026/118', issuedOn: '2026-11-20' },
        caseId: 'LV-0001000001-67',
      },
    ]);
    expect(call.ctx.idempotencyKey).to.equal(KEY);
    const [row] = JSON.parse(queries[0][0] as string) as Array<Record<string, unknown>>;
    expect(row).to.deep.include({
      actor_type: 'system',
      subject_type: 'natural',
      subject_id: ANNA.personalCode,
      action: 'update',
      purpose: 'register-update',
    });
    expect(row.details).to.deep.include({ caseId: 'LV-0001000001-67' });
  });

  it("calls each operation of each register with the step's values, as text, and the step's idempotency key", async () => {
    expect(
      await callRegister({ register: 'population-register', operation: 'getPerson', args: { personalCode: 15038511239 } }),
    ).to.deep.equal(ANNA);
    expect(
      await callRegister({ register: 'population-register', operation: 'getDeclaredAddress', args: { personalCode: ANNA.personalCode } }),
    ).to.deep.equal(ANNA.declaredAddress);
    expect(await callRegister({ register: 'address-register', operation: 'search', args: { text: 'Brīvības', limit: '1' } })).to.deep.equal(
      [FLAT],
    );
    expect(await callRegister({ register: 'address-register', operation: 'validate', args: { code: '102' } })).to.deep.equal({
      valid: false,
      address: GARAGE,
      reason: 'not_residential',
    });
    expect(
      await callRegister({
        register: 'enterprise-register',
        operation: 'getCompany',
        args: { registrationNumber: COMPANY.registrationNumber },
      }),
    ).to.deep.equal(COMPANY);
    expect(
      await callRegister({
        register: 'enterprise-register',
        operation: 'companiesOfBoardMember',
        args: { personalCode: ANNA.personalCode },
      }),
    ).to.deep.equal([COMPANY]);

    expect(adapters.populationRegister.calls).to.deep.equal([
      { operation: 'getPerson', args: ['15038511239'], ctx: { idempotencyKey: KEY } },
      { operation: 'getDeclaredAddress', args: [ANNA.personalCode], ctx: { idempotencyKey: KEY } },
    ]);
    expect(adapters.addressRegister.calls).to.deep.equal([
      { operation: 'search', args: ['Brīvības', 1], ctx: { idempotencyKey: KEY } },
      { operation: 'validate', args: [{ code: '102' }], ctx: { idempotencyKey: KEY } },
    ]);
    expect(adapters.enterpriseRegister.calls.map((c) => [c.operation, c.args, c.ctx])).to.deep.equal([
      ['getCompany', [COMPANY.registrationNumber], { idempotencyKey: KEY }],
      ['companiesOfBoardMember', [ANNA.personalCode], { idempotencyKey: KEY }],
    ]);
    expect(adapters.eAddress.calls).to.deep.equal([]);
  });

  it("audits each read as the case's agency's use of the person's data: prefill, a register check, another step", async () => {
    const person = { register: 'population-register', operation: 'getPerson', args: { personalCode: ANNA.personalCode } };
    await callRegister(person, activityEnvironment(), 'application:LV-0001000001-67/prefill:person');
    await callRegister(person, activityEnvironment(), 'application:LV-0001000001-67/check-person:2');
    await callRegister({ register: 'address-register', operation: 'validate', args: { code: '101' } });
    expect(audited.rows.map((r) => [r.purpose, r.subject_id, r.actor_type, r.actor_agency, r.action, r.resource])).to.deep.equal([
      ['prefill', ANNA.personalCode, 'system', 'pmlp', 'read', 'register:population-register/getPerson'],
      ['register-check', ANNA.personalCode, 'system', 'pmlp', 'read', 'register:population-register/getPerson'],
      ['application-processing', ANNA.personalCode, 'system', 'pmlp', 'read', 'register:address-register/validate'],
    ]);
    expect(audited.rows[1].details).to.deep.equal({
      caseId: 'LV-0001000001-67',
      register: 'population-register',
      operation: 'getPerson',
      step: 'check-person:2',
    });
    // A failed call read nothing: no row.
    adapters.populationRegister.failWith(new SystemUnavailableError('pmlp', 'answered 503'));
    await callRegister(person).catch(() => undefined);
    expect(audited.rows).to.have.length(3);
  });

  it('fills what a step leaves out: no value is empty text, a search shows 10, a validation sends only what it has', async () => {
    await callRegister({ register: 'population-register', operation: 'getPerson', args: {} });
    await callRegister({ register: 'address-register', operation: 'search', args: { text: 'Rīga' } });
    await callRegister({ register: 'address-register', operation: 'validate', args: { text: FLAT.fullAddress, code: '' } });
    expect(adapters.populationRegister.calls[0].args).to.deep.equal(['']);
    expect(adapters.addressRegister.calls.map((c) => c.args)).to.deep.equal([['Rīga', 10], [{ text: FLAT.fullAddress }]]);
  });

  it('answers a register\'s "no such person" as a result, not a failure', async () => {
    expect(await callRegister({ register: 'population-register', operation: 'getPerson', args: { personalCode: '32000000000' } })).to.equal(
      null,
    );
  });

  it('a refusal by the register is final: a non-retryable SystemRejectedError', async () => {
    adapters.populationRegister.failWith(new SystemRejectedError('pmlp', 400, 'personal code malformed'));
    const failure = await failureOf(callRegister({ register: 'population-register', operation: 'getPerson', args: { personalCode: 'x' } }));
    expect(failure).to.be.instanceOf(ApplicationFailure);
    expect(failure).to.include({ type: 'SystemRejectedError', nonRetryable: true, message: 'pmlp: personal code malformed' });
  });

  it('an outage is retried: a retryable SystemUnavailableError, and every attempt carries the same key', async () => {
    adapters.addressRegister.failWith(new SystemUnavailableError('vzd', 'answered 503'));
    const req = { register: 'address-register', operation: 'validate', args: { code: '101' } };
    const first = await failureOf(callRegister(req, activityEnvironment({ attempt: 1 })));
    expect(first).to.be.instanceOf(ApplicationFailure);
    expect(first).to.include({ type: 'SystemUnavailableError', nonRetryable: false, message: 'vzd: answered 503' });
    adapters.addressRegister.recover();
    expect(await callRegister(req, activityEnvironment({ attempt: 2 }))).to.deep.include({ valid: true });
    expect(adapters.addressRegister.calls.map((c) => c.ctx.idempotencyKey)).to.deep.equal([KEY, KEY]);
  });

  it('an operation the register does not have ends the run (DefinitionError) without calling any system', async () => {
    const failure = await failureOf(callRegister({ register: 'population-register', operation: 'deletePerson', args: {} }));
    expect(failure).to.include({
      type: 'DefinitionError',
      nonRetryable: true,
      message: 'population-register has no operation deletePerson',
    });
    expect(adapters.populationRegister.calls).to.deep.equal([]);
  });

  it('any other error of an adapter stays as it is, retryable, also as the worker registers the activity', async () => {
    const bug = new TypeError('Cannot read properties of undefined');
    adapters.enterpriseRegister.failWith(bug);
    const req = { register: 'enterprise-register', operation: 'getCompany', args: { registrationNumber: '1' }, idempotencyKey: KEY };
    expect(await failureOf(callRegister(req))).to.equal(bug);
    const registered = createActivities({ pool: NO_DATABASE, adapters, seals: NO_SEALS });
    expect(await failureOf(activityEnvironment().run(registered.callRegister, req))).to.equal(bug);
    adapters.enterpriseRegister.failWith(new SystemRejectedError('ur', 403, 'not allowed'));
    expect(await failureOf(activityEnvironment().run(registered.callRegister, req)))
      .to.be.instanceOf(ApplicationFailure)
      .and.include({ type: 'SystemRejectedError', nonRetryable: true });
  });

  it('a payment step that computes no positive amount ends the run before anything is written', async () => {
    const { requestPayment } = createApplicationActivities({ pool: NO_DATABASE, adapters, seals: NO_SEALS });
    for (const amountEur of [0, -5, Number.NaN]) {
      const failure = await failureOf(
        activityEnvironment().run(requestPayment, {
          caseId: 'LV-0001000001-67',
          stepId: 'fee',
          amountEur,
          description: { lv: 'Nodeva', en: 'Fee' },
          expiresIn: '14 days',
        }),
      );
      expect(failure).to.include({ type: 'DefinitionError', nonRetryable: true, message: `payment step fee computed amount ${amountEur}` });
    }
  });
});
