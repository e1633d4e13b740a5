// Consultations (integration API 4): what agencies' front offices answered, in every channel, to a known person or
// anonymously. Idempotent by (agency, externalId), one at a time or in batches with a result per item.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';

const ANNA = '15038511239';
const run = uniqueSuffix();
let seq = 0;
const ext = () => `CONS-${run}-${(seq += 1)}`;

function consultation(extra: Record<string, unknown> = {}) {
  return {
    externalId: ext(),
    channel: 'phone',
    topic: 'Dzīvesvietas deklarēšana',
    content: 'Kā deklarēt dzīvesvietu e-pakalpojumā?',
    durationMinutes: 6,
    ...extra,
  };
}

async function stored(agency: string, externalId: string) {
  const { rows } = await stack.db.pool.query('SELECT * FROM consultations WHERE agency_id = $1 AND external_id = $2', [agency, externalId]);
  return rows;
}

describe('api/consultations', () => {
  describe('POST /api/v1/consultations', () => {
    it('registers a consultation given to a known person', async () => {
      const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
      const body = consultation({
        channel: 'in_person',
        officeId: 'pmlp-riga-1',
        serviceId: 'residence-declaration',
        person: { type: 'natural', id: '150385-11239' },
        occurredAt,
      });
      const res = await call('POST', '/api/v1/consultations', { as: 'system-pmlp', json: body });
      expect(res.status).to.equal(201);
      expect(res.body).to.deep.include({ externalId: body.externalId, outcome: 'created' });
      const rows = await stored('pmlp', body.externalId);
      expect(rows).to.have.length(1);
      expect(String(res.body.id)).to.equal(String(rows[0].id));
      expect(rows[0]).to.deep.include({
        channel: 'in_person',
        office_id: 'pmlp-riga-1',
        municipality_code: '0001000',
        service_id: 'residence-declaration',
        topic: body.topic,
        content: body.content,
        duration_minutes: 6,
        person_type: 'natural',
        person_id: ANNA,
        created_by: 'system-pmlp',
      });
      expect(rows[0].occurred_at.toISOString()).to.equal(occurredAt);
    });

    it('registers an anonymous consultation, without a person', async () => {
      const body = consultation({ channel: 'email', municipalityCode: '0054000', content: undefined });
      const asked = Date.now();
      const res = await call('POST', '/api/v1/consultations', { as: 'officer-vid', json: body });
      const answered = Date.now();
      expect(res.status).to.equal(201);
      const [row] = await stored('vid', body.externalId);
      expect(row).to.deep.include({
        person_type: null,
        person_id: null,
        municipality_code: '0054000',
        content: null,
        created_by: 'officer-vid',
        service_id: null,
      });
      expect(row.occurred_at.getTime(), 'the time it was registered').to.be.within(asked, answered);
    });

    it('accepts an EU citizen identified through eIDAS', async () => {
      const body = consultation({ person: { type: 'eidas', id: 'FR/LV/7f3a9c2e1b' } });
      expect((await call('POST', '/api/v1/consultations', { as: 'system-pmlp', json: body })).status).to.equal(201);
      expect((await stored('pmlp', body.externalId))[0]).to.deep.include({ person_type: 'eidas', person_id: 'FR/LV/7f3a9c2e1b' });
    });

    it('answers a resend with 200 and the same id, storing one row', async () => {
      const body = consultation({ person: { type: 'natural', id: ANNA } });
      const first = await call('POST', '/api/v1/consultations', { as: 'system-pmlp', json: body });
      expect(first.status).to.equal(201);
      const again = await call('POST', '/api/v1/consultations', { as: 'system-pmlp', json: { ...body, topic: 'Cits temats' } });
      expect(again.status).to.equal(200);
      expect(again.body).to.deep.equal({ ...first.body, outcome: 'existing' });
      const rows = await stored('pmlp', body.externalId);
      expect(rows).to.have.length(1);
      expect(rows[0].topic).to.equal(body.topic);
    });

    it('stores one row when the same consultation is sent several times at once', async () => {
      const body = consultation();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => call('POST', '/api/v1/consultations', { as: 'system-pmlp', json: body })),
      );
      expect(results.map((r) => r.status).sort()).to.deep.equal([200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => String(r.body.id))).size).to.equal(1);
      expect(await stored('pmlp', body.externalId)).to.have.length(1);
    });

    it('keys idempotency by agency', async () => {
      const externalId = ext();
      const a = await call('POST', '/api/v1/consultations', { as: 'system-pmlp', json: consultation({ externalId }) });
      const b = await call('POST', '/api/v1/consultations', { as: 'system-vid', json: consultation({ externalId }) });
      expect([a.status, b.status]).to.deep.equal([201, 201]);
      expect(String(a.body.id)).to.not.equal(String(b.body.id));
    });

    it('refuses bad items with the error shape', async () => {
      const checks: Array<[Record<string, unknown>, number, string, string]> = [
        [consultation({ person: { type: 'natural', id: '15038511238' } }), 422, 'invalid_person_id', '/person/id'],
        [consultation({ serviceId: 'no-such-service' }), 422, 'unknown_service', '/serviceId'],
        [consultation({ officeId: 'nowhere' }), 422, 'unknown_office', '/officeId'],
        [consultation({ municipalityCode: '9999999' }), 422, 'unknown_municipality', '/municipalityCode'],
        [consultation({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }), 422, 'timestamp_in_future', '/occurredAt'],
        [consultation({ durationMinutes: 1441 }), 400, 'validation_failed', '/durationMinutes'],
        [consultation({ channel: 'pigeon' }), 400, 'validation_failed', '/channel'],
        [consultation({ topic: '' }), 400, 'validation_failed', '/topic'],
        [consultation({ mood: 'happy' }), 400, 'validation_failed', '/mood'],
        [{ channel: 'phone', topic: 'x', durationMinutes: 1 }, 400, 'validation_failed', '/externalId'],
      ];
      for (const [body, status, code, path] of checks) {
        const res = await call('POST', '/api/v1/consultations', { as: 'system-pmlp', json: body });
        expect(res.status, JSON.stringify(body)).to.equal(status);
        const e = errorOf(res);
        expect(e.code).to.equal(code);
        expect(e.details.map((d) => d.path)).to.include(path);
        if (typeof body.externalId === 'string') expect(await stored('pmlp', body.externalId)).to.have.length(0);
      }
    });

    it('is for agencies only', async () => {
      for (const as of ['citizen-anna', 'staff-vpvkac-riga', 'analyst-varam']) {
        const res = await call('POST', '/api/v1/consultations', { as, json: consultation() });
        expect(res.status, as).to.equal(403);
        expect(errorOf(res).code).to.equal('forbidden');
      }
      expect((await call('POST', '/api/v1/consultations', { json: consultation() })).status).to.equal(401);
    });
  });

  describe('POST /api/v1/consultations/batch', () => {
    it('keeps the valid items of a mixed batch, with a result per item in order, and is idempotent', async () => {
      const repeated = ext();
      const items: unknown[] = [
        consultation({ person: { type: 'natural', id: ANNA } }), // 0 authenticated
        consultation(), // 1 anonymous
        consultation({ person: { type: 'natural', id: '02117814568' } }), // 2 bad check digit
        { topic: 'no externalId', channel: 'phone', durationMinutes: 1 }, // 3 schema
        consultation({ externalId: repeated, channel: 'other' }), // 4 valid
        consultation({ serviceId: 'ghost-service' }), // 5 unknown service
        consultation({ externalId: repeated, channel: 'post' }), // 6 the same as 4
        null, // 7 not an object
      ];
      const res = await call('POST', '/api/v1/consultations/batch', {
        as: 'system-pmlp',
        json: { consultations: items.filter((i) => i !== null) },
      });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.include({ created: 3, existing: 1, failed: 3 });
      const results = res.body.results as any[];
      expect(results.map((r) => r.index)).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
      expect(results.map((r) => (r.outcome === 'failed' ? r.error.code : r.outcome))).to.deep.equal([
        'created',
        'created',
        'invalid_person_id',
        'validation_failed',
        'created',
        'unknown_service',
        'existing',
      ]);
      expect(String(results[6].id)).to.equal(String(results[4].id));
      expect(results[3]).to.not.have.property('externalId');
      expect(results[2].externalId).to.equal((items[2] as { externalId: string }).externalId);
      expect(new Set([results[0].id, results[1].id, results[4].id].map(String)).size).to.equal(3);
      const [row] = await stored('pmlp', repeated);
      expect(row.channel).to.equal('other');
      expect(await stored('pmlp', (items[2] as { externalId: string }).externalId)).to.have.length(0);

      // Resending the whole batch creates nothing and returns the same ids.
      const again = await call('POST', '/api/v1/consultations/batch', {
        as: 'system-pmlp',
        json: { consultations: items.filter((i) => i !== null) },
      });
      expect(again.status).to.equal(200);
      expect(again.body).to.deep.include({ created: 0, existing: 4, failed: 3 });
      again.body.results.forEach((r: any, i: number) => {
        if (results[i].outcome === 'failed') expect(r.error.code).to.equal(results[i].error.code);
        else expect(String(r.id)).to.equal(String(results[i].id));
      });
      const count = await stack.db.pool.query(
        "SELECT count(*)::int AS n FROM consultations WHERE agency_id = 'pmlp' AND external_id = ANY($1::text[])",
        [
          items
            .filter((i): i is { externalId: string } => typeof (i as { externalId?: unknown } | null)?.externalId === 'string')
            .map((i) => i.externalId),
        ],
      );
      expect(count.rows[0].n).to.equal(3);
    });

    it('refuses non-object items, an empty batch and more than 10,000 items as a whole', async () => {
      const nulls = await call('POST', '/api/v1/consultations/batch', {
        as: 'system-pmlp',
        json: { consultations: [consultation(), null] },
      });
      expect(nulls.status).to.equal(400);
      expect(errorOf(nulls).details[0].path).to.equal('/consultations/1');
      const empty = await call('POST', '/api/v1/consultations/batch', { as: 'system-pmlp', json: { consultations: [] } });
      expect(empty.status).to.equal(400);
      expect(errorOf(empty).details[0]).to.deep.include({ path: '/consultations', code: 'minItems' });
      const tag = ext();
      const tooMany = await call('POST', '/api/v1/consultations/batch', {
        as: 'system-pmlp',
        json: { consultations: Array.from({ length: 10_001 }, (_, i) => consultation({ externalId: `${tag}-${i}` })) },
      });
      expect(tooMany.status).to.equal(400);
      expect(errorOf(tooMany).details[0]).to.deep.include({ path: '/consultations', code: 'maxItems' });
      const count = await stack.db.pool.query('SELECT count(*)::int AS n FROM consultations WHERE external_id LIKE $1', [`${tag}-%`]);
      expect(count.rows[0].n).to.equal(0);
      const wrongKey = await call('POST', '/api/v1/consultations/batch', { as: 'system-pmlp', json: { cases: [consultation()] } });
      expect(wrongKey.status).to.equal(400);
      expect(errorOf(wrongKey).details.map((d) => `${d.path} ${d.code}`)).to.include.members([
        '/consultations required',
        '/cases unknown_field',
      ]);
    });

    it('registers a batch of anonymous and authenticated consultations from several channels', async () => {
      const channels = ['eservice', 'in_person', 'phone', 'email', 'post', 'other'];
      const items = channels.map((channel, i) => consultation({ channel, ...(i % 2 ? { person: { type: 'natural', id: ANNA } } : {}) }));
      const res = await call('POST', '/api/v1/consultations/batch', { as: 'officer-pmlp', json: { consultations: items } });
      expect(res.body).to.deep.include({ created: 6, existing: 0, failed: 0 });
      const { rows } = await stack.db.pool.query(
        "SELECT channel, person_id FROM consultations WHERE agency_id = 'pmlp' AND external_id = ANY($1::text[]) ORDER BY id",
        [items.map((i) => i.externalId)],
      );
      expect(rows.map((r) => r.channel)).to.deep.equal(channels);
      expect(rows.map((r) => r.person_id)).to.deep.equal([null, ANNA, null, ANNA, null, ANNA]);
    });
  });
});
