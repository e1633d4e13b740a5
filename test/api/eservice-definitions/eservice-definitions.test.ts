// Agency-defined e-services: drafts, validation at publication, immutable versions, pinning of applications.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { shippedDefinition } from '../../../scripts/seed/eservices';

function statementCopy(id: string, titleLv = 'Testa izziņa') {
  const def = shippedDefinition('declared-address-statement') as Record<string, any>;
  return { ...def, id, title: { lv: titleLv, en: 'Test statement' } };
}

describe('api/eservice-definitions', () => {
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

    const draft2 = await call('PUT', `/api/v1/eservice-definitions/${id}/draft`, {
      as: 'admin-pmlp',
      json: statementCopy(id, 'Otrā versija'),
    });
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

    // The database refuses to change or delete a published version: its trigger, both for the owner and for the
    // application role the API runs as (which may otherwise update tables), and the version stays as published.
    for (const [who, pool] of [
      ['owner', stack.db.pool],
      ['application role', stack.appDb.pool],
    ] as const) {
      for (const sql of [
        `UPDATE eservice_definition_versions SET content = '{}' WHERE definition_id = $1`,
        'DELETE FROM eservice_definition_versions WHERE definition_id = $1',
      ]) {
        const refusal = await pool.query(sql, [id]).then(
          () => null,
          (e: { code?: string; message: string }) => e,
        );
        expect(refusal, `${who}: ${sql}`).to.not.equal(null);
        expect({ code: refusal!.code, message: refusal!.message }, `${who}: ${sql}`).to.deep.equal({
          code: 'P0001',
          message: 'published e-service definition versions are immutable',
        });
      }
    }
    const { rows: kept } = await stack.db.pool.query(
      "SELECT version, content->'title'->>'lv' AS title FROM eservice_definition_versions WHERE definition_id = $1 ORDER BY version",
      [id],
    );
    expect(kept).to.deep.equal([
      { version: 1, title: 'Testa izziņa' },
      { version: 2, title: 'Otrā versija' },
    ]);
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
    const kindDraft = await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: unknownKind });
    expect(kindDraft.status).to.equal(201);
    const kindPublished = await call('POST', `/api/v1/eservice-definitions/${unknownKind.id}/publish`, { as: 'admin-pmlp' });
    expect(kindPublished.status).to.equal(422);
    const kindError = errorOf(kindPublished);
    expect(kindError.code).to.equal('definition_invalid');
    expect(kindError.message).to.equal('The draft is not a valid e-service definition.');
    expect(kindError.details.length, JSON.stringify(kindError.details)).to.be.greaterThan(0);
    expect(
      kindError.details.every((d) => d.path?.startsWith('/steps/0')),
      JSON.stringify(kindError.details),
    ).to.equal(true);
    expect((await call('GET', `/api/v1/eservice-definitions/${unknownKind.id}`)).status, 'nothing was published').to.equal(404);
  });

  it('keeps agencies to their own services and definitions', async () => {
    const id = `test-foreign-${uniqueSuffix()}`;
    const foreignService = { ...statementCopy(id), serviceId: 'income-tax-return' };
    const r = await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: foreignService });
    expect(r.status).to.equal(422);
    expect(r.body.error.code).to.equal('unknown_service');
    const byOfficer = await call('POST', '/api/v1/eservice-definitions', { as: 'officer-pmlp', json: statementCopy(id) });
    expect(byOfficer.status).to.equal(403);
    expect(errorOf(byOfficer)).to.deep.equal({ code: 'forbidden', message: 'This needs one of the roles: agency-admin.', details: [] });
    const publishedByOfficer = await call('POST', '/api/v1/eservice-definitions/residence-declaration/publish', { as: 'officer-pmlp' });
    expect(publishedByOfficer.status).to.equal(403);
    expect(errorOf(publishedByOfficer)).to.deep.equal({
      code: 'forbidden',
      message: 'This needs one of the roles: agency-admin.',
      details: [],
    });
    const dup = await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: statementCopy('residence-declaration') });
    expect(dup.status).to.equal(409);
    expect(errorOf(dup)).to.deep.equal({
      code: 'already_exists',
      message: 'This e-service exists; change its draft with PUT.',
      details: [],
    });
  });
});
