// Agency-defined e-services: drafts, validation at publication, immutable versions, pinning of applications.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { shippedDefinition } from '../../../db/seed/eservices';

function statementCopy(id: string, titleLv = 'Testa izziņa') {
  const def = shippedDefinition('declared-address-statement') as Record<string, any>;
  return { ...def, id, title: { lv: titleLv, en: 'Test statement' } };
}

describe('api/routes/eservice-definitions', () => {
  it('stores a draft, publishes immutable versions and pins running applications to theirs', async () => {
    const id = `test-statement-${uniqueSuffix()}`;
    const created = await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: statementCopy(id) });
    expect(created.status).to.equal(201);
    expect(created.body.problems).to.deep.equal([]);
    expect((await call('GET', `/api/v1/eservice-definitions/${id}`)).status).to.equal(404, 'a draft is not public');
    const v1 = await call('POST', `/api/v1/eservice-definitions/${id}/publish`, { as: 'admin-pmlp' });
    expect(v1.status).to.equal(201);
    expect(v1.body.version).to.equal(1);

    const opened = await call('POST', '/api/v1/applications', { as: 'citizen-janis', json: { eserviceId: id } });
    expect(opened.status).to.equal(201);
    expect(opened.body.eservice.version).to.equal(1);

    const draft2 = await call('PUT', `/api/v1/eservice-definitions/${id}/draft`, { as: 'admin-pmlp', json: statementCopy(id, 'Otrā versija') });
    expect(draft2.status).to.equal(200);
    const v2 = await call('POST', `/api/v1/eservice-definitions/${id}/publish`, { as: 'admin-pmlp' });
    expect(v2.body.version).to.equal(2);

    const still = await call('GET', `/api/v1/applications/${opened.body.id}`, { as: 'citizen-janis' });
    expect(still.body.eservice.version).to.equal(1);
    expect(still.body.eservice.title.lv).to.equal('Testa izziņa');
    const newer = await call('POST', '/api/v1/applications', { as: 'citizen-janis', json: { eserviceId: id } });
    expect(newer.body.eservice.version).to.equal(2);

    const listed = await call('GET', `/api/v1/eservice-definitions/${id}`);
    expect(listed.body.versions.map((v: any) => v.version)).to.deep.equal([1, 2]);
    expect((await call('GET', `/api/v1/eservice-definitions/${id}/versions/1`)).body.definition.title.lv).to.equal('Testa izziņa');

    // The database refuses to change a published version.
    let refused = false;
    try {
      await stack.db.pool.query(`UPDATE eservice_definition_versions SET content = '{}' WHERE definition_id = $1`, [id]);
    } catch {
      refused = true;
    }
    expect(refused).to.equal(true);
  });

  it('refuses to publish an invalid definition, with the problems', async () => {
    const id = `test-broken-${uniqueSuffix()}`;
    const def = statementCopy(id) as Record<string, any>;
    def.steps = [
      { id: 'twice', kind: 'setStatus', status: 'answered' },
      { id: 'twice', kind: 'notify', subject: { lv: 'a', en: 'a' }, body: { lv: 'b', en: 'b' } },
    ];
    def.form = { schema: { type: 'object', properties: { x: { type: 'no-such-type' } } } };
    const created = await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: def });
    expect(created.status).to.equal(201);
    const codes = created.body.problems.map((p: any) => p.code);
    expect(codes).to.include.members(['duplicate_step_id', 'form_schema_invalid']);
    const published = await call('POST', `/api/v1/eservice-definitions/${id}/publish`, { as: 'admin-pmlp' });
    expect(published.status).to.equal(422);
    expect(published.body.error.code).to.equal('definition_invalid');

    const unknownKind = { ...statementCopy(`test-kind-${uniqueSuffix()}`), steps: [{ id: 'x', kind: 'teleport' }] };
    await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: unknownKind });
    expect((await call('POST', `/api/v1/eservice-definitions/${unknownKind.id}/publish`, { as: 'admin-pmlp' })).status).to.equal(422);
  });

  it('keeps agencies to their own services and definitions', async () => {
    const id = `test-foreign-${uniqueSuffix()}`;
    const foreignService = { ...statementCopy(id), serviceId: 'income-tax-return' };
    const r = await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: foreignService });
    expect(r.status).to.equal(422);
    expect(r.body.error.code).to.equal('unknown_service');
    expect((await call('POST', '/api/v1/eservice-definitions', { as: 'officer-pmlp', json: statementCopy(id) })).status).to.equal(403);
    expect((await call('POST', '/api/v1/eservice-definitions/residence-declaration/publish', { as: 'officer-pmlp' })).status).to.equal(403);
    const dup = await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: statementCopy('residence-declaration') });
    expect(dup.status).to.equal(409);
  });
});
