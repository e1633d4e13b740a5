// The DSL schema (forms/eservice-definition/v1.schema.json) as publication reads it: each step kind is one branch of
// the `step` oneOf, chosen by `kind` (ajv's discriminator), so a bad step is reported against its own kind only, at
// its own pointer. The shipped definitions pass. No stack.
import { expect } from 'chai';
import { createValidator, DEFINITION_SCHEMA_ID } from '../../../forms/validator';
import { toDetails } from '../../../forms/validation';
import { SHIPPED_ESERVICES, shippedDefinition } from '../../../scripts/seed/eservices';
import { checkDefinition } from '../../../db/eservice-definitions/definitions';

// As db/eservice-definitions/definitions.ts builds it.
const validateDsl = createValidator({ strict: false, useDefaults: false, schemas: ['definition'] }).getSchema(DEFINITION_SCHEMA_ID)!;

function problems(definition: unknown) {
  return validateDsl(definition) ? [] : toDetails(validateDsl.errors);
}

const statement = shippedDefinition('declared-address-statement');
const withSteps = (steps: unknown[]) => ({ ...statement, steps });
const wait = { id: 'pause', kind: 'wait', duration: '5 days' };

describe('forms/eservice-definition: the DSL schema', () => {
  it('passes the shipped definitions', () => {
    for (const id of SHIPPED_ESERVICES) expect(problems(shippedDefinition(id)), id).to.deep.equal([]);
  });

  it('refuses an unknown, missing or non-text kind at the step’s kind', () => {
    expect(problems(withSteps([wait, { id: 'x', kind: 'teleport' }]))).to.deep.equal([
      { path: '/steps/1/kind', code: 'discriminator', message: '"teleport" is not a known kind' },
    ]);
    expect(problems(withSteps([{ id: 'x' }]))).to.deep.equal([{ path: '/steps/0/kind', code: 'required', message: 'is required' }]);
    expect(problems(withSteps([{ id: 'x', kind: 7 }]))).to.deep.equal([{ path: '/steps/0/kind', code: 'type', message: 'must be string' }]);
    expect(problems(withSteps(['wait']))).to.deep.equal([{ path: '/steps/0', code: 'type', message: 'must be object' }]);
  });

  it('reports only what the step’s own kind misses or does not know, inside branches too', () => {
    expect(problems(withSteps([{ id: 'review', kind: 'task', dueIn: '5 days', outcomes: ['approve'] }]))).to.deep.equal([
      { path: '/steps/0/title', code: 'required', message: 'is required' },
    ]);
    expect(problems(withSteps([{ ...wait, status: 'answered' }]))).to.deep.equal([
      { path: '/steps/0/status', code: 'unknown_field', message: 'is not a known field' },
    ]);
    const branch = { id: 'choose', kind: 'branch', if: true, then: [wait], else: [{ id: 'fee', kind: 'payment', amountEur: 5 }] };
    expect(problems(withSteps([branch]))).to.deep.equal([
      { path: '/steps/0/else/0/description', code: 'required', message: 'is required' },
      { path: '/steps/0/else/0/expiresIn', code: 'required', message: 'is required' },
    ]);
  });

  it('keeps the register call of prefill, registryCheck and callSystem to the known registers and operations', () => {
    const call = { id: 'person', kind: 'callSystem', register: 'population-register', operation: 'getPerson' };
    expect(problems(withSteps([call]))).to.deep.equal([]);
    expect(problems(withSteps([{ ...call, operation: 'dropTable' }]))).to.deep.equal([
      {
        path: '/steps/0/operation',
        code: 'enum',
        message: 'must be one of: getPerson, getDeclaredAddress, search, validate, getCompany, companiesOfBoardMember, declareResidence',
      },
    ]);
    expect(problems({ ...statement, prefill: [{ ...call, kind: 'prefill', set: { name: 'firstName' } }] })).to.deep.equal([
      { path: '/prefill/0/set', code: 'pattern', message: 'must match pattern "^(/[^/]+)+$"' },
      { path: '/prefill/0/set', code: 'propertyNames', message: 'property name must be valid' },
    ]);
  });

  it('lets a register write (declareResidence) run only in a callSystem step, never on opening a draft or in a check', () => {
    const declare = { id: 'declare', register: 'population-register', operation: 'declareResidence', input: { personalCode: '1' } };
    expect(checkDefinition(withSteps([{ ...declare, kind: 'callSystem' }]))).to.deep.equal([]);
    const check = { ...declare, kind: 'registryCheck', condition: true, failMessage: { lv: 'x', en: 'x' } };
    expect(checkDefinition(withSteps([check]))).to.deep.include({
      path: '/steps/0/operation',
      code: 'register_write_not_allowed',
      message: 'declareResidence changes the population-register: use it in a callSystem step, after the decision',
    });
    const prefill = { ...statement, prefill: [{ ...declare, kind: 'prefill', set: { '/name': 'givenName' } }] };
    expect(checkDefinition(prefill).map((p) => [p.path, p.code])).to.deep.include(['/prefill/0/operation', 'register_write_not_allowed']);
  });
});
