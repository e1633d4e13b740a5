// GET /api/v1/catalog/services/:id/cpsv-ap.jsonld: public CPSV-AP JSON-LD with the published version's validators.
import { expect } from 'chai';
import type { PoolClient } from 'pg';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { validateCpsvAp, toStore, objectsOf } from '../../helpers/shacl';
import { services } from '../../../scripts/seed/demo-data';
import { demoDescription } from '../../../scripts/seed/catalog';
import { publishVersion, withdrawService } from '../../../db/catalog/read-model';

const jsonLdPath = (id: string) => `/api/v1/catalog/services/${id}/cpsv-ap.jsonld`;

async function inTransaction(work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await stack.db.pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

/** A catalogue entry of its own (a copy of a demo description), so publishing and withdrawing touch nothing shared. */
async function publishCopy(id: string, version: number, titleEn: string): Promise<void> {
  const demo = services.find((s) => s.id === 'residence-declaration')!;
  const document = { ...demoDescription({ ...demo, id }), title: { lv: 'Testa deklarēšana', en: titleEn } };
  await inTransaction(async (client) => {
    if (version === 1) {
      await client.query('INSERT INTO services (id, agency_id, title_lv, title_en, channels) VALUES ($1, $2, $3, $4, $5)', [
        id,
        demo.agencyId,
        document.title.lv,
        titleEn,
        demo.channels,
      ]);
      await client.query(
        'INSERT INTO catalog_services (service_id, agency_id, latest_version, review_by) VALUES ($1, $2, 1, current_date + 365)',
        [id, demo.agencyId],
      );
    } else {
      await client.query('UPDATE catalog_services SET latest_version = $2 WHERE service_id = $1', [id, version]);
    }
    await client.query(
      `INSERT INTO catalog_service_versions (service_id, version, document, stage, author_id, author_name) VALUES ($1, $2, $3, 'catalogue_review', 'test', 'Test')`,
      [id, version, JSON.stringify(document)],
    );
    await publishVersion(client, id, version);
  });
}

describe('api/catalog (linked data: service JSON-LD)', () => {
  it('serves a published service without sign-in as conforming CPSV-AP JSON-LD with its ETag and Last-Modified', async () => {
    const res = await call('GET', jsonLdPath('trade-permit'));
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^application\/ld\+json/);
    const { rows } = await stack.db.pool.query('SELECT etag, published_at FROM catalog_published WHERE service_id = $1', ['trade-permit']);
    expect(res.headers.get('etag')).to.equal(rows[0].etag);
    expect(res.headers.get('last-modified')).to.equal(new Date(rows[0].published_at).toUTCString());
    expect(res.headers.get('access-control-allow-origin')).to.equal('*');

    const outcome = await validateCpsvAp(res.body);
    expect(outcome.conforms, outcome.violations.join('\n')).to.equal(true);
    expect(res.body['@id']).to.equal('https://sdp.gov.lv/id/service/trade-permit');
    // An e-service on another portal keeps its address; one run by the platform points to the portal the client reached.
    const store = await toStore(res.body);
    expect(objectsOf(store, 'https://sdp.gov.lv/id/service/trade-permit/channel/eservice', 'http://xmlns.com/foaf/0.1/page')).to.deep.equal(
      ['https://eriga.lv/'],
    );
    const own = await toStore((await call('GET', jsonLdPath('residence-declaration'))).body);
    expect(
      objectsOf(own, 'https://sdp.gov.lv/id/service/residence-declaration/channel/eservice', 'http://xmlns.com/foaf/0.1/page'),
    ).to.deep.equal([`http://${new URL(stack.api.url).host}/services?start=residence-declaration`]);
  });

  it('answers 304 to a matching If-None-Match or an If-Modified-Since not before the publication', async () => {
    const first = await call('GET', jsonLdPath('passport-issue'));
    const etag = first.headers.get('etag') as string;
    const lastModified = first.headers.get('last-modified') as string;

    const byEtag = await call('GET', jsonLdPath('passport-issue'), { headers: { 'if-none-match': etag } });
    expect(byEtag.status).to.equal(304);
    expect(byEtag.body).to.equal(undefined);
    expect(byEtag.headers.get('etag')).to.equal(etag);
    expect((await call('GET', jsonLdPath('passport-issue'), { headers: { 'if-none-match': `"other", W/${etag}` } })).status).to.equal(304);
    expect((await call('GET', jsonLdPath('passport-issue'), { headers: { 'if-none-match': '"other"' } })).status).to.equal(200);

    expect((await call('GET', jsonLdPath('passport-issue'), { headers: { 'if-modified-since': lastModified } })).status).to.equal(304);
    const before = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    expect((await call('GET', jsonLdPath('passport-issue'), { headers: { 'if-modified-since': before } })).status).to.equal(200);
    // If-None-Match decides when both are sent.
    expect(
      (await call('GET', jsonLdPath('passport-issue'), { headers: { 'if-none-match': '"other"', 'if-modified-since': lastModified } }))
        .status,
    ).to.equal(200);
  });

  it('gives a new version a new ETag and answers 404 in the error shape once withdrawn, or when never published', async () => {
    const id = `ld-test-${uniqueSuffix()}`;
    await publishCopy(id, 1, 'Test declaration');
    const v1 = await call('GET', jsonLdPath(id));
    expect(v1.status).to.equal(200);
    expect(v1.body['owl:versionInfo']).to.equal('1');

    await publishCopy(id, 2, 'Test declaration, second version');
    const stale = await call('GET', jsonLdPath(id), { headers: { 'if-none-match': v1.headers.get('etag') as string } });
    expect(stale.status).to.equal(200);
    expect(stale.headers.get('etag')).to.not.equal(v1.headers.get('etag'));
    expect(stale.body['owl:versionInfo']).to.equal('2');
    expect(stale.body['dct:title']).to.deep.include({ '@value': 'Test declaration, second version', '@language': 'en' });
    expect((await validateCpsvAp(stale.body)).conforms).to.equal(true);

    await inTransaction(async (client) => {
      await withdrawService(client, id, { id: 'test', name: 'Test' }, 'test over');
    });
    const gone = await call('GET', jsonLdPath(id));
    expect(gone.status).to.equal(404);
    expect(errorOf(gone).code).to.equal('not_found');

    const never = await call('GET', jsonLdPath('no-such-service'));
    expect(never.status).to.equal(404);
    expect(errorOf(never).code).to.equal('not_found');
  });
});
