// An EU citizen signed in through eIDAS completes the residence declaration: the sign-in's attributes fill the
// applicant, the level of assurance is recorded on the case and the application, an e-service's minimum level is
// enforced at opening and at submission, and a service that needs a Latvian personal code says so instead of opening.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { shippedDefinition } from '../../../scripts/seed/eservices';
import { ANNA_SCHMIDT, eidasSession } from '../../helpers/eidas';
import { dwellingAddresses } from '../../helpers/applications';
import { EIDAS_LINKS } from '../../../simulators/population-register/data';
import type { Application } from '../../../forms/types/api';

const MARKUS = EIDAS_LINKS[0];

type ErrorBody = { error: { code: string; message: string } };

async function open(send: Awaited<ReturnType<typeof eidasSession>>['send'], eserviceId: string) {
  return send('POST', '/api/v1/applications', { eserviceId });
}

describe('api/applications: identity requirements (EU citizens, levels of assurance)', () => {
  it('fills the applicant from the eIDAS attributes, records the level, and lets the EU citizen submit', async () => {
    const { send } = await eidasSession({ person: ANNA_SCHMIDT, loa: 'substantial' });
    const opened = await open(send, 'residence-declaration');
    expect(opened.status).to.equal(201);
    const app = (await opened.json()) as Application;
    expect(app.recipient).to.deep.include({ type: 'eidas', id: ANNA_SCHMIDT });
    expect(app.draft.data).to.deep.equal({
      applicant: { givenName: 'Anna', familyName: 'Schmidt', eidasIdentifier: ANNA_SCHMIDT, dateOfBirth: '1975-01-30' },
    });
    expect(app.levelOfAssurance).to.deep.equal({ opened: 'substantial', submitted: null });

    const current = (await (await send('GET', `/api/v1/applications/${app.id}`)).json()) as Application;
    const address = dwellingAddresses[0];
    const data = {
      ...current.draft.data,
      newAddress: { text: address.text, code: address.code },
      residenceBasis: 'tenant',
      residenceDocument: { kind: 'lease-agreement', number: 'D-2026/7', date: '2026-11-02' },
      declarationDate: new Date().toISOString().slice(0, 10),
      confirm: true,
    };
    const saved = await send('PUT', `/api/v1/applications/${app.id}/draft`, { version: current.draft.version, data });
    expect(saved.status, await saved.clone().text()).to.equal(200);
    const { version } = (await saved.json()) as { version: number };
    const submitted = await send('POST', `/api/v1/applications/${app.id}/submit`, { version });
    expect(submitted.status, await submitted.clone().text()).to.equal(200);

    const after = (await (await send('GET', `/api/v1/applications/${app.id}`)).json()) as Application;
    expect(after.levelOfAssurance).to.deep.equal({ opened: 'substantial', submitted: 'substantial' });
    expect(after.submittedData).to.deep.include({ applicant: current.draft.data.applicant });
    const cases = (await (await send('GET', '/api/v1/me/cases')).json()) as { items: Array<{ id: string; levelOfAssurance: unknown }> };
    expect(cases.items.find((c) => c.id === app.id)?.levelOfAssurance, 'the case records it too').to.equal('substantial');
  });

  it('refuses to open an e-service below its minimum level (403, naming the sign-ins that suffice)', async () => {
    const { send } = await eidasSession({ person: ANNA_SCHMIDT, loa: 'low' });
    const res = await open(send, 'residence-declaration');
    expect(res.status).to.equal(403);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.code).to.equal('level_of_assurance_too_low');
    expect(error.message).to.contain('substantial or higher').and.contain('(yours: low)').and.contain('eParaksts mobile');
  });

  it('refuses to submit below the minimum level: the same EU citizen, signed in again at a lower level', async () => {
    const substantial = await eidasSession({ person: ANNA_SCHMIDT, loa: 'substantial' });
    const app = (await (await open(substantial.send, 'residence-declaration')).json()) as Application;
    const low = await eidasSession({ person: ANNA_SCHMIDT, loa: 'low' });
    const res = await low.send('POST', `/api/v1/applications/${app.id}/submit`, {});
    expect(res.status).to.equal(403);
    expect(((await res.json()) as ErrorBody).error.code).to.equal('level_of_assurance_too_low');
  });

  it('lists what a service asks of the identity, and refuses one that needs a personal code before it opens', async () => {
    const list = await call('GET', '/api/v1/eservice-definitions');
    const byId = Object.fromEntries((list.body.items as Array<Record<string, any>>).map((i) => [i.id, i]));
    expect(byId['residence-declaration'].minimumLevelOfAssurance).to.equal('substantial');
    expect(byId['declared-address-statement'].requiresLatvianPersonalCode.otherChannels.en).to.match(/customer centre/);

    const { send } = await eidasSession({ person: ANNA_SCHMIDT, loa: 'high' });
    const res = await open(send, 'declared-address-statement');
    expect(res.status).to.equal(403);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.code).to.equal('latvian_personal_code_required');
    expect(error.message).to.match(/customer centre/);
  });

  it('serves an EU citizen linked to a personal code as that person: the statement opens, the applicant carries both ids', async () => {
    const { send } = await eidasSession({ person: MARKUS.eidas_identifier, loa: 'high' });
    const statement = await open(send, 'declared-address-statement');
    expect(statement.status, await statement.clone().text()).to.equal(201);
    const declaration = (await (await open(send, 'residence-declaration')).json()) as Application;
    expect(declaration.recipient).to.deep.include({ type: 'natural', id: MARKUS.person_code });
    expect(declaration.draft.data.applicant).to.deep.equal({
      givenName: 'Markus',
      familyName: 'Müller',
      personalCode: MARKUS.person_code,
      eidasIdentifier: MARKUS.eidas_identifier,
      dateOfBirth: MARKUS.birth_date,
    });
    expect(declaration.levelOfAssurance.opened).to.equal('high');
  });

  it('refuses to publish an identityFill that names no text field of the form', async () => {
    const id = `test-identity-fill-${uniqueSuffix()}`;
    const definition = {
      ...(shippedDefinition('declared-address-statement') as Record<string, unknown>),
      id,
      identityFill: { '/purpose': 'givenName', '/applicant/givenName': 'givenName' },
    };
    const created = await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: definition });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.problems).to.deep.equal([
      {
        path: '/identityFill/~1applicant~1givenName',
        code: 'unknown_field',
        message: 'the form has no text field at /applicant/givenName',
      },
    ]);
    expect((await call('POST', `/api/v1/eservice-definitions/${id}/publish`, { as: 'admin-pmlp' })).status).to.equal(422);
  });

  it('lets a development persona (no identity provider, no level) open it outside production, recording no level', async () => {
    const res = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'residence-declaration' } });
    expect(res.status).to.equal(201);
    expect(res.body.levelOfAssurance).to.deep.equal({ opened: null, submitted: null });
    const row = await stack.db.pool.query('SELECT level_of_assurance FROM cases WHERE id = $1', [res.body.id]);
    expect(row.rows[0].level_of_assurance).to.equal(null);
  });
});
