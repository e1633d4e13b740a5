// Delegation requests (api/delegations/request-routes.ts): a citizen asks the person they help for a delegation;
// that person accepts (a delegation with the asked scope, rights and days is registered) or declines; the requester
// may withdraw it while pending. Only the two of them see it.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';

const ANNA = { type: 'natural', id: '150385-11239', name: 'Anna Bērziņa' };

async function day(offset: number): Promise<string> {
  return (await stack.db.pool.query<{ d: string }>('SELECT (current_date + $1::int)::text AS d', [offset])).rows[0].d;
}

describe('api/delegations: delegation requests', function () {
  this.timeout(60_000);

  it('Juris asks Anna for a view-only delegation; Anna sees it and accepts; the delegation is registered for Juris', async () => {
    const asked = await call('POST', '/api/v1/me/delegation-requests', {
      as: 'citizen-juris',
      json: {
        principal: ANNA,
        validFrom: await day(0),
        validUntil: await day(90),
        scope: 'all',
        rights: 'view',
        message: 'Palīdzēšu ar iesniegumiem',
      },
    });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    expect(asked.body).to.include({ status: 'pending', rights: 'view', delegationId: null });
    expect(asked.body.principal).to.include({ id: '15038511239' });

    const annas = await call('GET', '/api/v1/me/delegation-requests', { as: 'citizen-anna' });
    expect(annas.body.received.map((r: { id: string }) => r.id)).to.include(asked.body.id);
    expect((await call('GET', '/api/v1/me/delegation-requests', { as: 'citizen-juris' })).body.sent[0].id).to.equal(asked.body.id);
    expect((await call('GET', '/api/v1/me/delegation-requests', { as: 'citizen-janis' })).body.received).to.deep.equal([]);

    const own = await call('POST', `/api/v1/me/delegation-requests/${asked.body.id}/accept`, { as: 'citizen-juris' });
    expect(own.status).to.equal(403);
    expect((await call('POST', `/api/v1/me/delegation-requests/${asked.body.id}/accept`, { as: 'citizen-janis' })).status).to.equal(404);

    const accepted = await call('POST', `/api/v1/me/delegation-requests/${asked.body.id}/accept`, { as: 'citizen-anna' });
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(200);
    expect(accepted.body.status).to.equal('accepted');
    const held = await call('GET', '/api/v1/me/delegations', { as: 'citizen-juris' });
    const delegation = held.body.held.find((d: { id: string }) => d.id === accepted.body.delegationId);
    expect(delegation).to.include({ rights: 'view', status: 'active', scope: 'all' });
    expect(delegation.principal).to.include({ id: '15038511239' });

    const again = await call('POST', `/api/v1/me/delegation-requests/${asked.body.id}/accept`, { as: 'citizen-anna' });
    expect(errorOf(again).code).to.equal('request_closed');
    const { rows } = await stack.db.pool.query('SELECT actor_id, purpose FROM audit_log WHERE resource = $1 ORDER BY chain_seq', [
      `delegation-request:${asked.body.id}`,
    ]);
    expect(rows.map((r) => r.purpose)).to.deep.equal(['delegation-request:create', 'delegation-request:accept']);
    expect(rows.map((r) => r.actor_id)).to.deep.equal(['citizen-juris', 'citizen-anna']);
  });

  it('the person asked declines; the requester withdraws; neither may do the other side', async () => {
    const ask = async () =>
      call('POST', '/api/v1/me/delegation-requests', {
        as: 'citizen-janis',
        json: { principal: ANNA, validFrom: await day(1), scope: ['declared-address-statement'], rights: 'act' },
      });
    const first = await ask();
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    const declined = await call('POST', `/api/v1/me/delegation-requests/${first.body.id}/decline`, { as: 'citizen-anna' });
    expect(declined.body).to.include({ status: 'declined', delegationId: null });
    const second = await ask();
    expect((await call('POST', `/api/v1/me/delegation-requests/${second.body.id}/withdraw`, { as: 'citizen-anna' })).status).to.equal(403);
    const withdrawn = await call('POST', `/api/v1/me/delegation-requests/${second.body.id}/withdraw`, { as: 'citizen-janis' });
    expect(withdrawn.body.status).to.equal('withdrawn');
  });

  it('refuses a request to oneself, a past start, an unknown e-service and a name the register does not hold', async () => {
    const bad = await call('POST', '/api/v1/me/delegation-requests', {
      as: 'citizen-anna',
      json: { principal: ANNA, validFrom: await day(-1), scope: ['no-such-eservice'], rights: 'act' },
    });
    expect(bad.status).to.equal(422);
    expect(errorOf(bad).details.map((d) => d.code)).to.deep.equal(['self_delegation', 'in_past', 'unknown_eservice']);
    const wrongName = await call('POST', '/api/v1/me/delegation-requests', {
      as: 'citizen-janis',
      json: { principal: { ...ANNA, name: 'Anna Kalniņa' }, validFrom: await day(0), scope: 'all', rights: 'view' },
    });
    expect(errorOf(wrongName).code).to.equal('representative_mismatch');
  });
});
