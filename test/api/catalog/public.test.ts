// The public catalogue (integration API 3): search in both languages without regard to diacritics and with typos,
// every filter, paging, bad input as 400s, a service as JSON with ETag / Last-Modified and 304s, 404 for services
// never published or withdrawn, the taxonomy, the change feed, and CORS for use from any site.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf, type ApiResponse } from '../../helpers/http';
import { pmlpCase, uniqueSuffix } from '../../helpers/cases';
import { waitFor } from '../../helpers/wait';
import { demoDescription } from '../../../scripts/seed/catalog';
import { services } from '../../../scripts/seed/demo-data';
import { publishDescription as publish, withdrawDescription } from '../../helpers/catalog';
import { wordSimilarity } from '../../../scripts/eval/legacy-text';
import type { ServiceDescription } from '../../../db/catalog/description';
import { popularServices } from '../../../api/catalog/public-reads';

const SEARCH = '/api/v1/catalog/services';
const run = uniqueSuffix();
const base = demoDescription(services.find((s) => s.id === 'residence-declaration')!);

const describeService = (id: string, over: Partial<ServiceDescription>): ServiceDescription => ({
  ...base,
  id,
  relatedServices: [],
  ...over,
});

// A windmill register in Valmiera (title match) and a service that mentions windmills only in its description.
const windmill = describeService(`test-windmill-${run}`, {
  title: { lv: 'Vējdzirnavu reģistrācija', en: 'Windmill registration' },
  description: { lv: 'Reģistrējiet vējdzirnavas pašvaldībā.', en: 'Register a windmill with the municipality.' },
  keywords: { lv: ['vējš'], en: ['wind'] },
  municipalities: ['0940200'],
});
const mention = describeService(`test-mill-mention-${run}`, {
  title: { lv: 'Zemes nomas līgums', en: 'Land lease contract' },
  description: { lv: 'Nomas līgums zemei, arī zem vējdzirnavām.', en: 'A lease of land, also under a windmill.' },
  keywords: { lv: [], en: [] },
});

async function search(query: string): Promise<ApiResponse> {
  const res = await call('GET', `${SEARCH}?${query}`);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res;
}
const ids = (res: ApiResponse): string[] => res.body.items.map((i: { id: string }) => i.id);
const q = (text: string, extra = '') => `q=${encodeURIComponent(text)}${extra}`;

/** Reads until the answer has the expected status: API nodes hear of a publication through the change feed's NOTIFY. */
async function eventually(path: string, status: number, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return waitFor(
    `GET ${path} to answer ${status}`,
    async () => {
      const res = await call('GET', path, { headers });
      return res.status === status && res;
    },
    30_000,
    20,
  );
}

function expectError(res: ApiResponse, status: number, code: string, path?: string) {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  const e = errorOf(res);
  expect(e.code).to.equal(code);
  if (path) expect(e.details.map((d) => d.path)).to.include(path);
  expect(res.headers.get('access-control-allow-origin'), 'errors are readable cross-origin too').to.equal('*');
}

describe('api/catalog (public)', () => {
  let seqBefore = 0;
  before(async () => {
    seqBefore = Number((await stack.db.pool.query('SELECT coalesce(max(seq), 0) AS s FROM catalog_changes')).rows[0].s);
    await publish(windmill, 1);
    await publish(mention, 1);
    // The API's search index hears of publications through the change feed's NOTIFY, a moment after the commit.
    await waitFor(
      'the search index to find both publications',
      async () => {
        const found = await call('GET', `${SEARCH}?pageSize=100&agency=pmlp&${q('vējdzirnavas')}`);
        return [windmill.id, mention.id].every((id) => ids(found).includes(id));
      },
      30_000,
      20,
    );
  });

  describe('search', () => {
    it('finds services in Latvian with and without diacritics, and in English', async () => {
      expect(ids(await search(q('Vējdzirnavu reģistrācija')))[0]).to.equal(windmill.id);
      expect(ids(await search(q('vejdzirnavu registracija')))[0]).to.equal(windmill.id);
      expect(ids(await search(q('WINDMILL registration')))[0]).to.equal(windmill.id);
      expect(ids(await search(q('dzivesvieta')))).to.include('residence-declaration');
      expect(ids(await search(q('Dzīvesvietas deklarēšana')))[0]).to.equal('residence-declaration');
      expect(ids(await search(q('declaration of place of residence')))[0]).to.equal('residence-declaration');
    });

    it('tolerates typos', async () => {
      expect(ids(await search(q('deklaresana')))).to.include('residence-declaration');
      expect(ids(await search(q('pasport')))).to.include('passport-issue');
      expect(ids(await search(q('kindergarden')))).to.include('kindergarten-enrolment');
      expect(ids(await search(q('windmil regstration')))[0]).to.equal(windmill.id);
      expect(ids(await search(q('zzqxw')))).to.deep.equal([]);
    });

    it('understands agency abbreviations and everyday synonyms, and keeps false friends out', async () => {
      expect(ids(await search(q('CSDD', '&pageSize=100')))).to.include.members(['vehicle-registration', 'driving-licence-renewal']);
      expect(ids(await search(q('autovadītāja apliecība')))[0]).to.equal('driving-licence-renewal');
      expect(ids(await search(q('firma')))).to.include('company-registration');
      expect(ids(await search(q('nursery')))[0]).to.equal('kindergarten-enrolment');
      const pase = await search(q('pase'));
      expect(ids(pase)[0]).to.equal('passport-issue');
      expect(ids(pase)).to.not.include.members(['trade-permit', 'jelgava-trade-permit', 'public-event-permit']);
      expect(pase.body).to.include({ partial: false, didYouMean: null });
    });

    it('helps when nothing is found: "did you mean" with the catalogue\'s words, partial matches marked', async () => {
      const typo = await search(q('pasprt izsniegsana'));
      expect(typo.body).to.include({ total: 0, partial: false });
      expect(typo.body.didYouMean).to.equal('passport izsniegsana');
      expect(ids(await search(q(typo.body.didYouMean)))).to.include('passport-issue');
      expect((await search(q('zzqxw'))).body).to.include({ total: 0, didYouMean: null });
      const some = await search(q('jauna pase bērnam'));
      expect(some.body.partial).to.equal(true);
      expect(ids(some)).to.include('passport-issue');
    });

    it('offers the most delivered services when nothing matches, only those with five cases or more', async () => {
      for (let i = 0; i < 5; i += 1) {
        const res = await call('POST', '/api/v1/cases', {
          as: 'system-pmlp',
          json: pmlpCase(`popular-${run}-${i}`, i, { serviceId: 'identity-card-issue' }),
        });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
      }
      // Counted again now (the search keeps them for ten minutes).
      const popular = await popularServices(stack.api.deps.db.pool, { maxAgeMs: 0 });
      expect(popular).to.include('identity-card-issue');
      expect(popular).to.not.include('cadastral-survey'); // no cases
      const nothing = await search(q('zzqxw'));
      expect(ids({ body: { items: nothing.body.popular } } as ApiResponse)).to.deep.equal(popular);
      expect((await search(q('pase'))).body.popular, 'found: no help needed').to.deep.equal([]);
    });

    it("measures a typo's similarity as pg_trgm's word_similarity in the search before (the baseline of npm run eval:search)", async () => {
      const pairs = [
        ['pasport', 'passport'],
        ['kindergarden', 'kindergarten'],
        ['renewl', 'renewing'],
        ['licnce', 'licence'],
        ['dzivesvieta', 'dzivesvietas'],
        ['deklaresana', 'deklaracija'],
        ['abc', 'xyzabcxyz'],
        ['aaa', 'aaaaaa'],
      ];
      for (const [token, word] of pairs) {
        const { rows } = await stack.db.pool.query('SELECT word_similarity($1, $2) AS s', [token, word]);
        expect(wordSimilarity(token, word), `${token} ~ ${word}`).to.be.closeTo(rows[0].s, 1e-6);
      }
    });

    it('ranks title matches above matches in the description', async () => {
      const found = ids(await search(q('vējdzirnavas')));
      expect(found).to.include.members([windmill.id, mention.id]);
      expect(found.indexOf(windmill.id)).to.be.lessThan(found.indexOf(mention.id));
    });

    it('presents each item with agency, codes and links', async () => {
      const [item] = (await search(q('Windmill registration', '&lang=en'))).body.items;
      expect(item).to.deep.include({
        id: windmill.id,
        version: 1,
        title: windmill.title,
        description: windmill.description,
        municipalities: ['0940200'],
        channels: windmill.channels.map((c) => c.type),
        lifeEvents: windmill.lifeEvents,
        thematicAreas: windmill.thematicAreas,
      });
      expect(item.agency).to.deep.equal({
        id: 'pmlp',
        name: { lv: 'Pilsonības un migrācijas lietu pārvalde', en: 'Office of Citizenship and Migration Affairs' },
      });
      // The e-service is marked: its channel's address (here the platform's own e-service).
      expect(item.links).to.deep.equal({
        self: `${SEARCH}/${windmill.id}`,
        jsonld: `${SEARCH}/${windmill.id}/cpsv-ap.jsonld`,
        eservice: '/services?start=residence-declaration',
      });
      const [passport] = (await search(q('pases izsniegšana'))).body.items;
      expect(passport).to.deep.include({ id: 'passport-issue' });
      expect(passport.links.eservice, 'no e-service channel').to.equal(null);
      expect(Date.parse(item.publishedAt)).to.be.greaterThan(0);
    });

    it('filters by agency, life event, business event, thematic area and channel', async () => {
      const byAgency = await search('agency=pmlp&pageSize=100');
      expect(byAgency.body.items.every((i: any) => i.agency.id === 'pmlp')).to.equal(true);
      expect(ids(byAgency)).to.include.members(['residence-declaration', 'passport-issue']).and.not.include('trade-permit');
      const byCode = async (filter: string, field: string, code: string, expected: string) => {
        const res = await search(`${filter}=${code}&pageSize=100`);
        expect(ids(res), filter).to.include(expected).and.not.include('trade-permit');
        expect(
          res.body.items.every((i: any) => i[field].includes(code)),
          filter,
        ).to.equal(true);
      };
      await byCode('lifeEvent', 'lifeEvents', 'having-a-child', 'kindergarten-enrolment');
      await byCode('businessEvent', 'businessEvents', 'starting-a-business', 'company-registration');
      await byCode('thematicArea', 'thematicAreas', 'education', 'kindergarten-enrolment');
      const byPhone = await search('channel=phone&pageSize=100');
      expect(ids(byPhone)).to.include('residence-declaration').and.not.include('passport-issue');
      expect(byPhone.body.items.every((i: any) => i.channels.includes('phone'))).to.equal(true);
      expect(ids(await search(q('pase', '&agency=vid')))).to.not.include('passport-issue');
    });

    it('filters by municipality: services offered there and nationwide ones', async () => {
      const jelgava = ids(await search('municipality=0054000&pageSize=100'));
      expect(jelgava).to.include.members(['jelgava-trade-permit', 'residence-declaration']);
      expect(jelgava).to.not.include('trade-permit').and.not.include('kindergarten-enrolment'); // Riga's only
      expect(jelgava).to.not.include(windmill.id);
      expect(ids(await search('municipality=0940200&pageSize=100')))
        .to.include(windmill.id)
        .and.not.include('trade-permit');
    });

    it('pages through the results', async () => {
      const all = await search('pageSize=100&lang=en');
      const total = all.body.total as number;
      expect(all.body.items.length).to.equal(Math.min(total, 100)).and.to.be.greaterThan(5);
      const first = await search('page=1&pageSize=2&lang=en');
      const second = await search('page=2&pageSize=2&lang=en');
      expect(first.body).to.include({ total, page: 1, pageSize: 2 });
      expect(ids(first)).to.deep.equal(ids(all).slice(0, 2));
      expect(ids(second)).to.deep.equal(ids(all).slice(2, 4));
      const past = await search(`page=${total + 1}&pageSize=1`);
      expect(past.body).to.deep.include({ items: [], total });
      expect((await search('')).body.pageSize).to.equal(20);
    });

    it('refuses bad input with 400 in the error shape', async () => {
      expectError(await call('GET', `${SEARCH}?channel=fax`), 400, 'validation_failed', '/query/channel');
      expectError(await call('GET', `${SEARCH}?pageSize=101`), 400, 'validation_failed', '/query/pageSize');
      expectError(await call('GET', `${SEARCH}?page=0`), 400, 'validation_failed', '/query/page');
      expectError(await call('GET', `${SEARCH}?page=x`), 400, 'validation_failed', '/query/page');
      expectError(await call('GET', `${SEARCH}?lang=de`), 400, 'validation_failed', '/query/lang');
      expectError(await call('GET', `${SEARCH}?municipality=riga`), 400, 'validation_failed', '/query/municipality');
      expectError(await call('GET', `${SEARCH}?sort=title`), 400, 'validation_failed', '/query/sort');
      expectError(await call('GET', `${SEARCH}?channel=phone&channel=post`), 400, 'validation_failed', '/query/channel');
      expectError(await call('GET', `${SEARCH}?lifeEvent=winning-the-lottery`), 400, 'unknown_filter', '/query/lifeEvent');
      expectError(await call('GET', `${SEARCH}?agency=no-such-agency`), 400, 'unknown_filter', '/query/agency');
      expectError(await call('GET', `${SEARCH}?municipality=0000001`), 400, 'unknown_filter', '/query/municipality');
      expectError(await call('GET', `${SEARCH}?q=${'x'.repeat(201)}`), 400, 'validation_failed', '/query/q');
    });
  });

  describe('one service', () => {
    it('is the published description with labels, expanded offices and links', async () => {
      const res = await call('GET', `${SEARCH}/residence-declaration`);
      expect(res.status).to.equal(200);
      const d = res.body;
      expect(d).to.include({ id: 'residence-declaration', version: 1 });
      expect(d.title).to.deep.equal({ lv: 'Dzīvesvietas deklarēšana', en: 'Declaration of place of residence' });
      expect(d.agency.id).to.equal('pmlp');
      expect(d.sector).to.deep.equal({ id: 'interior', name: { lv: 'Iekšlietu ministrija', en: 'Ministry of the Interior' } });
      expect(d.labels.lifeEvents['moving-house']).to.deep.equal({ lv: 'Dzīvesvietas maiņa', en: 'Moving house' });
      expect(d.labels.thematicAreas['residence-and-migration'].en).to.equal('Residence and migration');
      expect(d.labels.channels.in_person).to.deep.equal({ lv: 'Klātienē', en: 'In person' });
      const inPerson = d.channels.find((c: any) => c.type === 'in_person');
      expect(inPerson.name.en).to.equal('In person');
      expect(inPerson.offices[0]).to.have.keys(['id', 'name', 'address', 'latitude', 'longitude', 'openingHours']);
      expect(inPerson.offices.find((o: any) => o.id === 'vpvkac-riga')).to.deep.include({
        address: 'Brīvības iela 49/53, Rīga, LV-1010',
        latitude: 56.9561,
      });
      expect(d.links).to.deep.equal({
        self: `${SEARCH}/residence-declaration`,
        jsonld: `${SEARCH}/residence-declaration/cpsv-ap.jsonld`,
        eservice: '/services?start=residence-declaration',
      });
      expect(res.headers.get('cache-control')).to.equal('public, no-cache');
      expect(res.headers.get('etag')).to.match(/^"residence-declaration-v1-.+"$/);
      expect(new Date(res.headers.get('last-modified')!).getTime()).to.equal(Math.floor(Date.parse(d.publishedAt) / 1000) * 1000);
    });

    it('answers 304 to a matching If-None-Match or an If-Modified-Since not older than the publication', async () => {
      const path = `${SEARCH}/${windmill.id}`;
      const first = await call('GET', path);
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      const revalidated = await call('GET', path, { headers: { 'If-None-Match': etag } });
      expect(revalidated.status).to.equal(304);
      expect(revalidated.body).to.equal(undefined);
      expect(revalidated.headers.get('etag')).to.equal(etag);
      expect(revalidated.headers.get('access-control-allow-origin')).to.equal('*');
      expect((await call('GET', path, { headers: { 'If-None-Match': `"other", W/${etag}` } })).status).to.equal(304);
      expect((await call('GET', path, { headers: { 'If-None-Match': '"other"' } })).status).to.equal(200);
      expect((await call('GET', path, { headers: { 'If-Modified-Since': lastModified } })).status).to.equal(304);
      const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
      expect((await call('GET', path, { headers: { 'If-Modified-Since': earlier } })).status).to.equal(200);
      // If-None-Match decides when both are sent.
      expect((await call('GET', path, { headers: { 'If-None-Match': '"other"', 'If-Modified-Since': lastModified } })).status).to.equal(
        200,
      );
    });

    it('has a new ETag and body once a new version is published', async () => {
      const path = `${SEARCH}/${windmill.id}`;
      const before = await call('GET', path);
      await publish(
        { ...windmill, title: { lv: 'Vējdzirnavu reģistrācija un pārreģistrācija', en: 'Windmill registration and re-registration' } },
        2,
      );
      const after = await eventually(path, 200, { 'If-None-Match': before.headers.get('etag')! });
      expect(after.status).to.equal(200);
      expect(after.body).to.include({ version: 2 });
      expect(after.body.title.en).to.equal('Windmill registration and re-registration');
      expect(after.headers.get('etag')).to.not.equal(before.headers.get('etag'));
      expect((await call('GET', path, { headers: { 'If-None-Match': after.headers.get('etag')! } })).status).to.equal(304);
    });

    it('is 404 when never published or withdrawn, and then not found by search', async () => {
      expectError(await call('GET', `${SEARCH}/no-such-service`), 404, 'not_found');
      const doomed = describeService(`test-doomed-${run}`, { title: { lv: 'Pūķu reģistrs', en: 'Dragon register' } });
      await publish(doomed, 1);
      expect((await eventually(`${SEARCH}/${doomed.id}`, 200)).status).to.equal(200);
      await withdrawDescription(doomed.id);
      expectError(await eventually(`${SEARCH}/${doomed.id}`, 404), 404, 'not_found');
      expect(ids(await search(q('Dragon register')))).to.not.include(doomed.id);
    });
  });

  describe('taxonomy and change feed', () => {
    it('lists every scheme with labels, agencies, sectors and municipalities, with an ETag', async () => {
      const res = await call('GET', '/api/v1/catalog/taxonomy');
      expect(res.status).to.equal(200);
      expect(res.body.schemes).to.have.keys(['thematic-area', 'life-event', 'business-event', 'channel']);
      expect(res.body.schemes['life-event']).to.deep.include({
        code: 'having-a-child',
        label: { lv: 'Bērna piedzimšana', en: 'Having a child' },
      });
      expect(res.body.agencies.map((a: any) => a.id)).to.include.members(['pmlp', 'riga']);
      expect(res.body.sectors.map((s: any) => s.id)).to.include('interior');
      expect(res.body.municipalities).to.deep.include({ code: '0054000', name: { lv: 'Jelgava', en: 'Jelgava' } });
      const again = await call('GET', '/api/v1/catalog/taxonomy', { headers: { 'If-None-Match': res.headers.get('etag')! } });
      expect(again.status).to.equal(304);
    });

    it('gives publications and withdrawals in order after `since`, with the next position', async () => {
      const res = await call('GET', `/api/v1/catalog/changes?since=${seqBefore}&limit=1000`);
      expect(res.status).to.equal(200);
      const seqs = res.body.items.map((c: any) => c.seq);
      expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b));
      expect(seqs.every((s: number) => s > seqBefore)).to.equal(true);
      const mine = res.body.items.filter((c: any) => [windmill.id, `test-doomed-${run}`].includes(c.serviceId));
      expect(mine.map((c: any) => `${c.serviceId}:${c.version}:${c.kind}`)).to.deep.equal([
        `${windmill.id}:1:published`,
        `${windmill.id}:2:published`,
        `test-doomed-${run}:1:published`,
        `test-doomed-${run}:1:withdrawn`,
      ]);
      expect(mine[0].links).to.deep.equal({ self: `${SEARCH}/${windmill.id}`, jsonld: `${SEARCH}/${windmill.id}/cpsv-ap.jsonld` });
      expect(Date.parse(mine[0].at)).to.be.greaterThan(0);
      expect(res.body.next).to.equal(seqs[seqs.length - 1]);

      const paged = await call('GET', `/api/v1/catalog/changes?since=${seqBefore}&limit=2`);
      expect(paged.body.items.map((c: any) => c.seq)).to.deep.equal(seqs.slice(0, 2));
      const rest = await call('GET', `/api/v1/catalog/changes?since=${paged.body.next}&limit=1000`);
      expect(rest.body.items.map((c: any) => c.seq)).to.deep.equal(seqs.slice(2));
      const caughtUp = await call('GET', `/api/v1/catalog/changes?since=${res.body.next}`);
      expect(caughtUp.body).to.deep.equal({ items: [], next: res.body.next });
    });

    it('refuses a bad `since` or limit with 400', async () => {
      expectError(await call('GET', '/api/v1/catalog/changes?since=-1'), 400, 'validation_failed', '/query/since');
      expectError(await call('GET', '/api/v1/catalog/changes?since=yesterday'), 400, 'validation_failed', '/query/since');
      expectError(await call('GET', '/api/v1/catalog/changes?limit=0'), 400, 'validation_failed', '/query/limit');
    });
  });

  describe('use from any site', () => {
    it('sends CORS headers on every public read and answers preflights for conditional requests', async () => {
      for (const path of [`${SEARCH}?q=pase`, `${SEARCH}/residence-declaration`, '/api/v1/catalog/taxonomy', '/api/v1/catalog/changes']) {
        const res = await call('GET', path, { headers: { Origin: 'https://partner.example' } });
        expect(res.headers.get('access-control-allow-origin'), path).to.equal('*');
        expect(res.headers.get('access-control-expose-headers'), path).to.match(/ETag/);
      }
      const preflight = await call('OPTIONS', `${SEARCH}/residence-declaration`, {
        headers: {
          Origin: 'https://partner.example',
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'if-none-match',
        },
      });
      expect(preflight.status).to.equal(204);
      expect(preflight.headers.get('access-control-allow-origin')).to.equal('*');
      expect(preflight.headers.get('access-control-allow-headers')).to.match(/If-None-Match/i);
      // Signed-in APIs stay same-origin.
      expect((await call('GET', '/api/v1/agencies')).headers.get('access-control-allow-origin')).to.equal(null);
    });

    it('serves the widget as JavaScript that other sites may load, and its demo page', async () => {
      const script = await call('GET', '/widget/catalog-service.js');
      expect(script.status).to.equal(200);
      expect(script.headers.get('content-type')).to.match(/^text\/javascript/);
      expect(script.headers.get('cross-origin-resource-policy')).to.equal('cross-origin');
      expect(script.body).to.contain("customElements.define('sdp-service'");
      expect(
        (await call('GET', '/widget/catalog-service.js', { headers: { 'If-None-Match': script.headers.get('etag')! } })).status,
      ).to.equal(304);
      const demo = await call('GET', '/widget/demo.html', { headers: { Accept: 'text/html' } });
      expect(demo.headers.get('content-type')).to.match(/^text\/html/);
      expect(demo.body).to.contain('<sdp-service');
    });
  });
});
