// "My cases" leads to every outcome (issue 17): filters (open / closed / draft, service, year) and keyset pages
// with an opaque cursor and a `next` link; every text for people in Latvian and English (status, channel, agency,
// office); a case an agency's own system delivered carries its page there; a case submitted for the citizen at a
// counter links its application and its decision document and says who acted for them by role and office, never by
// name. Runs against the real stack of test/setup.ts.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf, type ApiResponse } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { counterCaseWithDecision } from '../../helpers/my-cases';

const JURIS = '22045712114';
const LIGA = '01014811002';
const JANIS = '02117814569';
const run = uniqueSuffix();
let seq = 0;
const ext = (tag: string) => `MY-${run}-${tag}-${(seq += 1)}`;

async function register(body: Record<string, unknown>, as = 'system-pmlp'): Promise<any> {
  const res = await call('POST', '/api/v1/cases', { as, json: body });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body;
}

const forJuris = (extra: Record<string, unknown> = {}) => ({
  externalId: ext('pmlp'),
  serviceId: 'residence-declaration',
  channel: 'in_person',
  officeId: 'pmlp-riga-1',
  recipient: { type: 'natural', id: JURIS },
  ...extra,
});

/** Follows `next` from the first page to the last: the ids in order, the pages, and each page's `total` (if any). */
async function allPages(query: string, as: string): Promise<{ ids: string[]; pages: number; totals: unknown[] }> {
  const ids: string[] = [];
  let next: string | null = `/api/v1/me/cases?${query}`;
  let pages = 0;
  const totals: unknown[] = [];
  while (next) {
    const res: ApiResponse = await call('GET', next, { as });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    ids.push(...res.body.items.map((c: any) => c.id));
    totals.push(res.body.total);
    next = res.body.next;
    pages += 1;
    expect(pages).to.be.below(500);
  }
  return { ids, pages, totals };
}

describe('api/cases: my cases', () => {
  let open: any;
  let closed: any;
  let older: any;
  let linked: any;
  before(async () => {
    open = await register(forJuris({ statusLabel: 'Saņemts' }));
    closed = await register(
      forJuris({
        serviceId: 'declared-address-statement',
        channel: 'phone',
        statusHistory: [
          { status: 'submitted', at: '2026-11-02T08:00:00Z' },
          { status: 'answered', at: '2026-11-02T09:00:00Z', label: 'Izziņa sagatavota' },
        ],
      }),
    );
    older = await register(
      forJuris({ registeredAt: '2019-05-06T10:00:00Z', statusHistory: [{ status: 'submitted', at: '2019-05-06T10:00:00Z' }] }),
    );
    linked = await register(
      {
        externalId: ext('vid'),
        serviceId: 'income-tax-return',
        channel: 'other',
        recipient: { type: 'natural', id: JURIS },
        url: `https://eds.vid.gov.lv/lietas/${run}`,
      },
      'system-vid',
    );
  });

  it('says every text for people in Latvian and English', async () => {
    const res = await call('GET', '/api/v1/me/cases?limit=200', { as: 'citizen-juris' });
    const c = res.body.items.find((x: any) => x.id === open.id);
    expect(c.statusLabel).to.equal('Saņemts');
    expect(c.statusText).to.deep.equal({ lv: 'Saņemts', en: 'Submitted' });
    expect(c.channelName).to.deep.equal({ lv: 'Klātienē', en: 'In person' });
    expect(c.agencyName.en).to.be.a('string').and.not.equal(c.agencyName.lv);
    expect(c.officeName).to.have.keys('lv', 'en');
    expect(c.history.map((h: any) => h.text)).to.deep.equal([{ lv: 'Saņemts', en: 'Submitted' }]);
    const answered = res.body.items.find((x: any) => x.id === closed.id);
    expect(answered.history.map((h: any) => h.text)).to.deep.equal([
      { lv: 'Iesniegts', en: 'Submitted' },
      { lv: 'Izziņa sagatavota', en: 'Answered' },
    ]);
  });

  it('filters open and closed cases, by service and by year', async () => {
    const openIds = await allPages('state=open&limit=200', 'citizen-juris');
    expect(openIds.ids).to.include.members([open.id, linked.id, older.id]);
    expect(openIds.ids).not.to.include(closed.id); // answered: nothing more to wait for
    const closedIds = await allPages('state=closed&limit=200', 'citizen-juris');
    expect(closedIds.ids).to.include(closed.id);
    expect(closedIds.ids).not.to.include.members([open.id, linked.id]);
    for (const [query, check] of [
      ['state=open', (c: any) => ['submitted', 'in_progress', 'info_requested', 'awaiting_payment'].includes(c.status)],
      ['state=closed', (c: any) => ['answered', 'licence_issued', 'rejected', 'completed', 'withdrawn'].includes(c.status)],
      ['serviceId=income-tax-return', (c: any) => c.serviceId === 'income-tax-return'],
      ['year=2019', (c: any) => c.registeredAt.startsWith('2019')],
    ] as const) {
      const res = await call('GET', `/api/v1/me/cases?${query}&limit=200`, { as: 'citizen-juris' });
      expect(res.status).to.equal(200);
      expect(res.body.items.length, query).to.be.greaterThan(0);
      expect(res.body.items.every(check), query).to.equal(true);
    }
    const byYear = await call('GET', '/api/v1/me/cases?year=2019&serviceId=residence-declaration', { as: 'citizen-juris' });
    expect(byYear.body.items.map((c: any) => c.id)).to.include(older.id);
    expect(byYear.body.items.map((c: any) => c.id)).not.to.include(open.id);
  });

  it('pages by keyset: following `next` walks the whole list once, in order; the total only when asked', async () => {
    const whole = await call('GET', '/api/v1/me/cases?limit=200&count=true', { as: 'citizen-juris' });
    expect(whole.body.total).to.equal(whole.body.items.length);
    expect(whole.body.totalExact).to.equal(true);
    expect(whole.body.total).to.be.at.least(4);
    const uncounted = await call('GET', '/api/v1/me/cases?limit=200', { as: 'citizen-juris' });
    expect(uncounted.body, 'no total unless asked').not.to.have.any.keys('total', 'totalExact');
    const paged = await allPages('limit=2&count=true', 'citizen-juris');
    expect(paged.pages).to.equal(Math.ceil(whole.body.total / 2));
    expect(paged.ids).to.deep.equal(whole.body.items.map((c: any) => c.id));
    // Counted with the first page; `next` drops count=true, so the next pages are not counted again.
    expect(paged.totals[0]).to.equal(whole.body.total);
    expect(paged.totals.slice(1).every((t) => t === undefined)).to.equal(true);
    const first = await call('GET', '/api/v1/me/cases?state=open&limit=1', { as: 'citizen-juris' });
    expect(first.body.nextCursor).to.match(/^[A-Za-z0-9_-]+$/);
    expect(first.body.next).to.equal(`/api/v1/me/cases?state=open&limit=1&cursor=${first.body.nextCursor as string}`);
    const last = await call('GET', `/api/v1/me/cases?limit=${whole.body.total as number}`, { as: 'citizen-juris' });
    expect(last.body).to.include({ next: null, nextCursor: null });
  });

  it('has indexes that serve the order and the page position, as recipient and as representative', async () => {
    const client = await stack.db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      await client.query('SET LOCAL enable_sort = off'); // only an index in the list's order can answer
      for (const [who, index] of [
        ['recipient', 'cases_recipient_status_at_idx'],
        ['representative', 'cases_representative_status_at_idx'],
      ]) {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT c.id FROM cases c WHERE c.${who}_type = 'natural' AND c.${who}_id = $1
             AND (c.status_at, c.id) < (now(), 'LV-9') ORDER BY c.status_at DESC, c.id DESC LIMIT 11`,
          [JURIS],
        );
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        // The register is partitioned by quarter (migration 0031): the index's partitions, merged in the list's order.
        const partitionsOfIndex = await client.query<{ n: string }>(
          'SELECT inhrelid::regclass::text AS n FROM pg_inherits WHERE inhparent = $1::regclass',
          [index],
        );
        const scanned = partitionsOfIndex.rows.filter((r) => plan.includes(` using ${r.n} `));
        expect(scanned.length, plan).to.be.greaterThan(0);
        expect(plan.match(/Index (Only )?Scan using /g)?.length, plan).to.equal(scanned.length); // and no other index
        expect(plan, plan).to.match(/Index Cond:.*ROW\(status_at, id\) < ROW/);
        expect(plan, plan).not.to.match(/\bSort {2}\(/); // a Merge Append of ordered scans, no Sort node
      }
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('refuses a cursor it did not give, an offset and a filter out of range with a 400', async () => {
    for (const cursor of ['abc', Buffer.from('["x","y"]').toString('base64url'), Buffer.from('{}').toString('base64url')]) {
      const res = await call('GET', `/api/v1/me/cases?cursor=${cursor}`, { as: 'citizen-juris' });
      expect(res.status, cursor).to.equal(400);
      expect(errorOf(res).code).to.equal('invalid_cursor');
    }
    for (const query of ['offset=2', 'state=finished', 'year=1999', 'cursor=a%20b', 'limit=0']) {
      const res = await call('GET', `/api/v1/me/cases?${query}`, { as: 'citizen-juris' });
      expect(res.status, query).to.equal(400);
      expect(errorOf(res).code).to.equal('validation_failed');
    }
  });

  it("opens a case another agency's system delivered: its register page, with the agency system's link", async () => {
    const listed = (await call('GET', '/api/v1/me/cases?serviceId=income-tax-return&limit=200', { as: 'citizen-juris' })).body.items.find(
      (c: any) => c.id === linked.id,
    );
    expect(listed).to.deep.include({ application: null, documents: [], agencyUrl: `https://eds.vid.gov.lv/lietas/${run}` });
    const one = await call('GET', `/api/v1/cases/${linked.id as string}`, { as: 'citizen-juris' });
    expect(one.status).to.equal(200);
    expect(one.body).to.deep.include({ agencyUrl: `https://eds.vid.gov.lv/lietas/${run}`, channelName: { lv: 'Cits', en: 'Other' } });
    expect(one.body.history).to.have.length(1);
    // Not someone else's.
    expect((await call('GET', `/api/v1/cases/${linked.id as string}`, { as: 'citizen-liga' })).status).to.equal(404);
    // Only an https page of the agency's system.
    for (const url of ['http://eds.vid.gov.lv/x', 'javascript:alert(1)', 'https://a b']) {
      const bad = await call('POST', '/api/v1/cases', { as: 'system-vid', json: { ...forJuris({ serviceId: 'income-tax-return' }), url } });
      expect(bad.status, url).to.equal(400);
      expect(errorOf(bad).details[0]).to.deep.include({ path: '/url', code: 'pattern' });
    }
  });

  it('leaves a draft discarded before it was sent out of the list', async () => {
    const draft = await register(
      forJuris({
        statusHistory: [
          { status: 'draft', at: '2026-11-03T08:00:00Z' },
          { status: 'withdrawn', at: '2026-11-03T08:05:00Z' },
        ],
      }),
    );
    const sent = await register(
      forJuris({
        statusHistory: [
          { status: 'draft', at: '2026-11-03T08:00:00Z' },
          { status: 'submitted', at: '2026-11-03T08:01:00Z' },
          { status: 'withdrawn', at: '2026-11-03T08:05:00Z' },
        ],
      }),
    );
    const ids = (await allPages('state=closed&limit=200', 'citizen-juris')).ids;
    expect(ids).to.include(sent.id);
    expect(ids).not.to.include(draft.id);
  });

  it('links a case submitted at a counter to its application and decision, and says who acted by role and office', async function () {
    this.timeout(180_000);
    const id = await counterCaseWithDecision(LIGA, { id: JANIS, name: 'Jānis Kalniņš' });
    const res = await call('GET', '/api/v1/me/cases?serviceId=residence-declaration&limit=200', { as: 'citizen-liga' });
    const c = res.body.items.find((x: any) => x.id === id);
    expect(c.channel).to.equal('in_person');
    expect(c.application).to.deep.equal({ id, href: `/api/v1/applications/${id}` });
    expect(c.documents).to.have.length.greaterThan(0);
    expect(c.documents[0].title).to.have.keys('lv', 'en');
    expect(c.documents[0].href).to.match(new RegExp(`^/api/v1/applications/${id}/documents/`));
    expect(c.actingStaff).to.deep.equal({
      role: 'client-service-centre',
      office: c.actingStaff.office,
      basis: 'mandate',
    });
    expect(c.actingStaff.office.lv).to.match(/Rīg/);
    expect(c.representative).to.deep.include({ id: JANIS, name: 'Jānis Kalniņš', basis: 'mandate' });
    // A role and an office, never the officer's name nor their account.
    const text = JSON.stringify(c);
    for (const named of ['Laura', 'Kļaviņa', 'staff-vpvkac-riga', 'officer-pmlp', 'Ilze']) expect(text, named).not.to.include(named);
    const pdf = await call('GET', c.documents[0].href, { as: 'citizen-liga' });
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get('content-type')).to.match(/application\/pdf/);
    const { rows } = await stack.db.pool.query('SELECT acting_staff_id FROM cases WHERE id = $1', [id]);
    expect(rows[0].acting_staff_id).to.equal('staff-vpvkac-riga');
  });
});
