// Address look-up and the address check before a submit: GET /api/v1/address-suggestions answers signed-in callers
// with the address register's matches (bad queries are 400 in the error shape, anonymous callers 401), and a submit
// whose address the register does not confirm is a field error at once (422, worded without internal names), while
// one typed exactly as a register address is stored with the register's code.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';

const DWELLING = { text: 'Brīvības iela 137 - 4, Rīga, LV-1012', code: '105360219' };
const GARAGE = 'Krasta iela 52 - G14, Rīga, LV-1003';

async function filledDeclaration(as: string, newAddress: Record<string, string>) {
  const opened = await call('POST', '/api/v1/applications', { as, json: { eserviceId: 'residence-declaration' } });
  expect(opened.status, JSON.stringify(opened.body)).to.be.oneOf([200, 201]);
  const id = opened.body.id as string;
  const app = await waitFor('prefill', async () => {
    const r = await call('GET', `/api/v1/applications/${id}`, { as });
    return r.body.draft.data.applicant?.givenName ? r.body : null;
  });
  const data = {
    ...app.draft.data,
    newAddress,
    residenceBasis: 'owner',
    declarationDate: new Date().toISOString().slice(0, 10),
    confirm: true,
  };
  const saved = await call('PUT', `/api/v1/applications/${id}/draft`, { as, json: { version: app.draft.version, data } });
  expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
  return { id, version: saved.body.version as number };
}

describe('api/addresses', () => {
  it('suggests register addresses for what was typed, diacritics aside, best first', async () => {
    const res = await call('GET', '/api/v1/address-suggestions?q=brivibas%20iela%20137', { as: 'citizen-anna' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.items[0]).to.deep.equal({ code: DWELLING.code, text: DWELLING.text, postalCode: 'LV-1012', residential: true });
    const garage = await call('GET', `/api/v1/address-suggestions?q=${encodeURIComponent('Krasta iela 52')}&limit=3`, {
      as: 'officer-pmlp',
    });
    expect(garage.body.items.find((a: { text: string }) => a.text === GARAGE)).to.include({ residential: false });
    expect(garage.body.items.length).to.be.at.most(3);
  });

  it('refuses anonymous callers and malformed queries in the error shape', async () => {
    expect((await call('GET', '/api/v1/address-suggestions?q=riga')).status).to.equal(401);
    for (const query of ['', '?q=a', '?q=riga&limit=50', '?q=riga&other=1', `?q=${'x'.repeat(201)}`]) {
      const res = await call('GET', `/api/v1/address-suggestions${query}`, { as: 'citizen-anna' });
      expect(res.status, query).to.equal(400);
      expect(errorOf(res).code).to.equal('validation_failed');
    }
  });

  it('answers 503 with Retry-After while the register is down, in the error shape', async () => {
    const faults = `${stack.simulators.urls.addressRegister}/_faults`;
    await fetch(faults, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outage: true }) });
    try {
      const res = await call('GET', '/api/v1/address-suggestions?q=riga', { as: 'citizen-anna' });
      expect(res.status).to.equal(503);
      expect(errorOf(res).code).to.equal('temporarily_unavailable');
      expect(res.headers.get('retry-after')).to.equal('5');
    } finally {
      await fetch(faults, { method: 'DELETE' });
    }
  });

  it('refuses a submit whose address is not a dwelling, as a field error without internal names', async () => {
    const { id, version } = await filledDeclaration('citizen-juris', { text: GARAGE });
    const res = await call('POST', `/api/v1/applications/${id}/submit`, { as: 'citizen-juris', json: { version } });
    expect(res.status, JSON.stringify(res.body)).to.equal(422);
    const error = errorOf(res);
    expect(error.code).to.equal('form_invalid');
    expect(error.details).to.deep.equal([
      {
        path: '/newAddress',
        code: 'address_not_residential',
        message: 'residence cannot be declared at this address (it is not a dwelling): choose another address',
      },
    ]);
    // Still a draft: nothing went to the register step or the officer.
    expect((await call('GET', `/api/v1/applications/${id}`, { as: 'citizen-juris' })).body.status).to.equal('draft');
  });

  it('refuses an address the register does not know', async () => {
    const { id, version } = await filledDeclaration('citizen-liga', { text: 'Nekurienes iela 999, Rīga' });
    const res = await call('POST', `/api/v1/applications/${id}/submit`, { as: 'citizen-liga', json: { version } });
    expect(res.status, JSON.stringify(res.body)).to.equal(422);
    expect(errorOf(res).details.map((d) => [d.path, d.code])).to.deep.equal([['/newAddress', 'address_not_found']]);
  });

  it('stores an address typed exactly as the register writes it with its code', async () => {
    const { id, version } = await filledDeclaration('citizen-liga', { text: DWELLING.text });
    const res = await call('POST', `/api/v1/applications/${id}/submit`, { as: 'citizen-liga', json: { version } });
    expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 202]);
    const app = await call('GET', `/api/v1/applications/${id}`, { as: 'citizen-liga' });
    expect(app.body.submittedData.newAddress).to.deep.equal(DWELLING);
  });
});
