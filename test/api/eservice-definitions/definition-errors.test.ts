// The definition errors read in full: an expression the interpreter could not evaluate is `invalid_expression` at
// the pointer of the field that holds it (in a branch's `then` too), both when the draft is stored and in the 422 of
// its publication; a draft stored under another id is `id_mismatch` at `/id` and changes nothing.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { shippedDefinition } from '../../../scripts/seed/eservices';

/** The shipped statement e-service under a new id, with its steps replaced. */
function statementWith(id: string, steps: unknown[]) {
  return {
    ...(shippedDefinition('declared-address-statement') as Record<string, unknown>),
    id,
    title: { lv: 'Testa izziņa', en: 'Test statement' },
    steps,
  };
}

const lookup = (personalCode: unknown) => ({
  id: 'address',
  kind: 'callSystem',
  register: 'population-register',
  operation: 'getDeclaredAddress',
  input: { personalCode },
});
const fee = (amountEur: unknown) => ({
  id: 'fee',
  kind: 'payment',
  amountEur,
  description: { lv: 'Nodeva', en: 'Fee' },
  expiresIn: '14 days',
});
const answered = { id: 'answered', kind: 'setStatus', status: 'answered' };
const branch = (condition: unknown, then: unknown[]) => ({ id: 'has-address', kind: 'branch', if: condition, then });

describe('api/eservice-definitions: definition errors', () => {
  it('names every expression the interpreter could not evaluate, with its pointer, on save and on publication', async () => {
    const id = `test-expr-${uniqueSuffix()}`;
    const broken = statementWith(id, [
      lookup({ fetch: ['https://example.org'] }), // an operator JSONLogic does not have
      branch({ '!!': [{ var: 'steps.address.result' }], else: true }, [
        // two keys: not an expression
        fee({ '+': [1, { frobnicate: [2] }] }), // an unknown operator deeper down
        answered,
      ]),
    ]);
    const created = await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: broken });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const expected = [
      { path: '/steps/0/input/personalCode', code: 'invalid_expression', message: 'unknown operator "fetch"' },
      { path: '/steps/1/if', code: 'invalid_expression', message: 'not a JSONLogic expression' },
      { path: '/steps/1/then/0/amountEur', code: 'invalid_expression', message: 'unknown operator "frobnicate"' },
    ];
    expect(created.body.problems).to.deep.equal(expected);

    const refused = await call('POST', `/api/v1/eservice-definitions/${id}/publish`, { as: 'admin-pmlp' });
    expect(refused.status).to.equal(422);
    const error = errorOf(refused);
    expect(error.code).to.equal('definition_invalid');
    expect(error.details).to.deep.equal(expected);
    expect((await call('GET', `/api/v1/eservice-definitions/${id}`)).status, 'nothing was published').to.equal(404);

    // The same definition with sound expressions publishes: the problems above were the only ones.
    const mended = statementWith(id, [
      lookup({ var: 'recipient.id' }),
      branch({ '!!': [{ var: 'steps.address.result' }] }, [fee({ '+': [1, 2] }), answered]),
    ]);
    const saved = await call('PUT', `/api/v1/eservice-definitions/${id}/draft`, { as: 'admin-pmlp', json: mended });
    expect(saved.body.problems).to.deep.equal([]);
    expect((await call('POST', `/api/v1/eservice-definitions/${id}/publish`, { as: 'admin-pmlp' })).status).to.equal(201);
  });

  it('accepts literals and data objects inside an expression (JSONLogic reads them as values)', async () => {
    const id = `test-literals-${uniqueSuffix()}`;
    const literals = statementWith(id, [
      lookup('010190-10003'),
      branch({ in: [{ var: 'form.purpose' }, ['bank', 'employer']] }, [fee(7.5), answered]),
    ]);
    const created = await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: literals });
    expect(created.body.problems).to.deep.equal([]);
  });

  it('refuses a draft whose id is not the id in the path, at /id, and changes neither e-service', async () => {
    const id = `test-mismatch-${uniqueSuffix()}`;
    const original = statementWith(id, [answered]);
    expect((await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: original })).status).to.equal(201);
    const other = `${id}-other`;
    const res = await call('PUT', `/api/v1/eservice-definitions/${id}/draft`, {
      as: 'admin-pmlp',
      json: { ...statementWith(other, [answered]), title: { lv: 'Cits', en: 'Other' } },
    });
    expect(res.status).to.equal(422);
    expect(errorOf(res)).to.deep.equal({
      code: 'id_mismatch',
      message: 'The definition id must equal the id in the path.',
      details: [{ path: '/id', code: 'id_mismatch', message: `expected ${id}` }],
    });
    const { rows } = await stack.db.pool.query("SELECT id, draft->'title'->>'lv' AS title FROM eservice_definitions WHERE id IN ($1, $2)", [
      id,
      other,
    ]);
    expect(rows).to.deep.equal([{ id, title: 'Testa izziņa' }]);
  });
});
