// Public reference data and the development personas. Besides what each list holds, every reply here passes the
// response schema its route declares (the router checks it in the tests: a drift answers 500).
import { expect } from 'chai';
import { call } from '../../helpers/http';

describe('api/reference and the development personas', () => {
  it('lists the agencies with their sectors, the PMLP among them', async () => {
    const res = await call('GET', '/api/v1/agencies');
    expect(res.status).to.equal(200);
    const pmlp = res.body.items.find((a: { id: string }) => a.id === 'pmlp');
    expect(pmlp, 'the PMLP').to.include.keys('name', 'sectorId', 'registrationNumber');
    expect(pmlp.name.lv).to.be.a('string').and.not.equal('');
  });

  it('lists the services and the offices, the Riga unified customer centre among them', async () => {
    const services = await call('GET', '/api/v1/services');
    expect(services.status).to.equal(200);
    expect(services.body.items.length).to.be.greaterThan(0);
    const offices = await call('GET', '/api/v1/offices');
    expect(offices.status).to.equal(200);
    expect(offices.body.items.map((o: { id: string }) => o.id)).to.include('vpvkac-riga');
  });

  it('offers the demo personas to the development sign-in, Anna among them', async () => {
    const res = await call('GET', '/api/v1/auth/dev-personas');
    expect(res.status).to.equal(200);
    const anna = res.body.items.find((p: { id: string }) => p.id === 'citizen-anna');
    expect(anna).to.deep.include({ name: 'Anna Bērziņa', roles: ['citizen'] });
  });
});
