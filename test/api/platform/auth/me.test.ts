// "Who am I" (/api/v1/auth/me) and "my applications" (/api/v1/me/applications): what the signed-in person gets back
// about themselves, written out from the demo personas (scripts/seed/personas.ts), and nothing of anyone else's.
import { expect } from 'chai';
import { call, errorOf } from '../../../helpers/http';

describe('api/platform/auth: me', () => {
  describe('GET /api/v1/auth/me', () => {
    it('answers with the principal of the token: person, agency and office as the persona has them', async () => {
      const expected: Record<string, unknown> = {
        'citizen-anna': { sub: 'citizen-anna', name: 'Anna Bērziņa', roles: ['citizen'], person: { type: 'natural', id: '15038511239' } },
        'citizen-marie': {
          sub: 'citizen-marie',
          name: 'Marie Dubois',
          roles: ['citizen'],
          person: { type: 'eidas', id: 'FR/LV/7f3a9c2e1b' },
        },
        'officer-pmlp': { sub: 'officer-pmlp', name: 'Ilze Ozola', roles: ['agency-officer'], agency: 'pmlp', office: 'pmlp-riga-1' },
        'admin-pmlp': { sub: 'admin-pmlp', name: 'Dace Vītola', roles: ['agency-admin', 'agency-officer'], agency: 'pmlp' },
        'staff-vpvkac-riga': { sub: 'staff-vpvkac-riga', name: 'Laura Kļaviņa', roles: ['kac-staff'], office: 'vpvkac-riga' },
      };
      for (const [persona, principal] of Object.entries(expected)) {
        const me = await call('GET', '/api/v1/auth/me', { as: persona });
        expect(me.status, persona).to.equal(200);
        expect(me.body, persona).to.deep.equal(principal);
      }
    });

    it('refuses a request without a token, or with one that is not a token, with 401 and how to authenticate', async () => {
      for (const headers of [{}, { authorization: 'Bearer not-a-token' }, { authorization: 'Basic Y2l0aXplbjphbm5h' }] as Array<
        Record<string, string>
      >) {
        const me = await call('GET', '/api/v1/auth/me', { headers });
        expect(me.status, JSON.stringify(headers)).to.equal(401);
        expect(errorOf(me).code, JSON.stringify(headers)).to.equal('unauthenticated');
        expect(me.headers.get('www-authenticate'), JSON.stringify(headers)).to.equal('Bearer');
      }
    });
  });

  describe('GET /api/v1/me/applications', () => {
    it("lists the citizen's own applications, filtered by status, and none of anyone else's", async () => {
      const opened = await call('POST', '/api/v1/applications', { as: 'citizen-janis', json: { eserviceId: 'residence-declaration' } });
      expect(opened.status, JSON.stringify(opened.body)).to.be.oneOf([200, 201]);
      const id = opened.body.id as string;

      const drafts = await call('GET', '/api/v1/me/applications?status=draft', { as: 'citizen-janis' });
      expect(drafts.status).to.equal(200);
      const mine = drafts.body.items.find((i: any) => i.id === id);
      expect(mine, 'the draft just opened').to.deep.include({
        id,
        eserviceId: 'residence-declaration',
        status: 'draft',
        title: { lv: 'Dzīvesvietas deklarēšana', en: 'Declaration of place of residence' },
      });
      expect(mine.version).to.be.a('number');
      expect(
        drafts.body.items.every((i: any) => i.status === 'draft'),
        'only drafts',
      ).to.equal(true);

      const all = await call('GET', '/api/v1/me/applications', { as: 'citizen-janis' });
      expect(all.body.items.map((i: any) => i.id)).to.include(id);
      const submitted = await call('GET', '/api/v1/me/applications?status=submitted', { as: 'citizen-janis' });
      expect(submitted.status).to.equal(200);
      expect(submitted.body.items.map((i: any) => i.id)).to.not.include(id);
      expect(submitted.body.items.every((i: any) => i.status === 'submitted')).to.equal(true);

      for (const other of ['citizen-anna', 'citizen-marie']) {
        const theirs = await call('GET', '/api/v1/me/applications', { as: other });
        expect(theirs.status, other).to.equal(200);
        expect(
          theirs.body.items.map((i: any) => i.id),
          other,
        ).to.not.include(id);
      }
    });

    it('is for citizens only, and refuses a status outside the vocabulary', async () => {
      const officer = await call('GET', '/api/v1/me/applications', { as: 'officer-pmlp' });
      expect(officer.status).to.equal(403);
      expect(errorOf(officer)).to.deep.equal({ code: 'forbidden', message: 'This needs one of the roles: citizen.', details: [] });
      const anonymous = await call('GET', '/api/v1/me/applications');
      expect(anonymous.status).to.equal(401);
      expect(errorOf(anonymous).code).to.equal('unauthenticated');
      const bogus = await call('GET', '/api/v1/me/applications?status=finished', { as: 'citizen-janis' });
      expect(bogus.status).to.equal(400);
      expect(errorOf(bogus).code).to.equal('validation_failed');
      expect(errorOf(bogus).details.map((d) => d.path)).to.deep.equal(['/query/status']);
    });
  });
});
