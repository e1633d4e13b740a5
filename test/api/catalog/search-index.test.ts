// The public search's in-process index: it finds what a reader of the seeded catalogue expects (stems, diacritics,
// corrected typos), ranks and pages as the API promises, and stays coherent with the catalogue through the change feed's
// announcements, or without them (the listening connection down) by reading the catalogue again.
import { expect } from 'chai';
import { stack } from '../../setup';
import { uniqueSuffix } from '../../helpers/cases';
import { waitFor } from '../../helpers/wait';
import { demoDescription } from '../../../scripts/seed/catalog';
import { services } from '../../../scripts/seed/demo-data';
import { publishDescription as publish, withdrawDescription } from '../../helpers/catalog';
import { CatalogChangeListener } from '../../../api/catalog/change-listener';
import {
  CatalogSearchIndex,
  SearchSnapshot,
  catalogSearchIndex,
  type CatalogSearch,
  type IndexedService,
} from '../../../api/catalog/search-index';
import { fold, wordsOf } from '../../../api/catalog/search-text';

const run = uniqueSuffix();
const base = demoDescription(services.find((s) => s.id === 'residence-declaration')!);
const query = (over: Partial<CatalogSearch>): CatalogSearch => ({ lang: 'lv', page: 1, pageSize: 100, ...over });

/** Waits until the index shows `what`: it hears of a publication through the change feed's NOTIFY (only that: a
 * listening index never reads the catalogue again on its own, so a lost announcement fails here). */
const eventually = (what: string, check: () => Promise<boolean>): Promise<boolean> => waitFor(`the index to ${what}`, check, 30_000, 20);

const idsOf = async (index: CatalogSearchIndex, over: Partial<CatalogSearch>) =>
  (await index.search(query(over))).rows.map((r) => r.serviceId);

describe('api/catalog/search-index', () => {
  describe('matching', () => {
    // What each query must find among the seeded services (scripts/seed/catalog.ts), written down by reading their texts:
    // Latvian stems and endings, diacritics left out, typos corrected to a word of the catalogue, every word required,
    // the dictionary's synonyms and the agencies' abbreviations. Services other test files publish are left out of the
    // comparison. (The quality on the whole judged query set: search-quality.test.ts.)
    const EXPECTED: Array<[string, string[]]> = [
      ['Dzīvesvietas deklarēšana', ['declared-address-statement', 'residence-declaration']], // "deklarēto dzīvesvietu"
      ['dzivesvieta', ['declared-address-statement', 'residence-declaration']], // "dzīvesvietu" in the statement's title
      ['deklaresana', ['declared-address-statement', 'income-tax-return', 'residence-declaration', 'tax-consultation']], // "deklar…"
      ['pasport', ['passport-issue']], // a typo of "passport"
      ['kindergarden', ['kindergarten-enrolment']], // a typo of "kindergarten"
      ['atļauja', ['building-permit', 'jelgava-trade-permit', 'public-event-permit', 'residence-permit', 'trade-permit']], // "būvatļauja" too
      ['permits', ['building-permit', 'jelgava-trade-permit', 'public-event-permit', 'residence-permit', 'trade-permit']], // the plural of "permit"
      ['licence renewl', ['driving-licence-renewal']], // a typo of "renewal"
      ['tirdzniecibas atlauja jelgava', ['jelgava-trade-permit']], // every word: only the Jelgava permit names Jelgava
      ['zzqxw', []],
      // Not "pašvaldība" (the municipal services' agency) nor "pasākums" (the event permit): no false friends.
      ['pase', ['passport-issue']],
      // "uzņēmums" is a synonym of "komersants"; the commercial-register statement is about a company's registration data
      ['uzņēmums reģistrācija', ['company-liquidation', 'company-registration', 'enterprise-register-statement']],
      ['iela', ['trade-permit']], // only the Riga permit's text names a street
      ['CSDD', ['driving-licence-renewal', 'driving-test', 'vehicle-inspection', 'vehicle-registration']], // the agency's abbreviation
      ['autovadītāja apliecība', ['driving-licence-renewal']], // the everyday name of the driving licence
      ['nursery', ['kindergarten-enrolment']],
    ];
    const SEEDED = new Set(services.map((s) => s.id));

    for (const [q, expected] of EXPECTED) {
      it(`finds ${expected.length ? expected.join(', ') : 'nothing'} for "${q}"`, async () => {
        const index = catalogSearchIndex(stack.db.pool, stack.databaseUrl);
        const found = await index.search(query({ q, pageSize: 100 }));
        expect(
          found.rows
            .map((r) => r.serviceId)
            .filter((id) => SEEDED.has(id))
            .sort(),
          q,
        ).to.deep.equal(expected);
        expect(found.total, 'the total counts the rows').to.equal(found.rows.length);
      });
    }
  });

  describe('ranking, filters and paging (one snapshot)', () => {
    const service = (id: string, lv: string, en: string, text: string, over: Partial<IndexedService> = {}): IndexedService => ({
      serviceId: id,
      version: 1,
      title: { lv, en },
      description: { lv: text, en: text },
      agencyId: 'pmlp',
      channels: ['eservice'],
      lifeEvents: [],
      businessEvents: [],
      thematicAreas: [],
      municipalities: [],
      publishedAt: new Date(0),
      titleFold: fold(`${lv} ${en}`),
      titleEnLower: en.toLowerCase(),
      words: [...new Set(wordsOf(fold(`${lv} ${en} ${text}`)))],
      keywords: { lv: [], en: [] },
      eserviceUrl: null,
      ...over,
    });
    const snapshot = new SearchSnapshot([
      service('mention', 'Zemes noma', 'Land lease', 'Noma zemei zem vējdzirnavām.'),
      service('long-title', 'Vējdzirnavu reģistrācija un pārreģistrācija', 'Windmill registration and re-registration', ''),
      service('title', 'Vējdzirnavu reģistrācija', 'Windmill registration', '', { municipalities: ['0940200'], agencyId: 'valmiera' }),
      service('typo-title', 'Vejdzirnavu registrs', 'Registry of windmills', '', { channels: ['in_person'] }),
      service('other', 'Āboli', 'Apples', 'Augļi', { municipalities: ['0001000'] }),
    ]);
    const ids = (over: Partial<CatalogSearch>) => snapshot.search(query(over)).rows.map((r) => r.serviceId);

    it('ranks the stem in the title first, then a similar word in the title, then the text; the shorter title first among equals', () => {
      // "vējdzirnavas" → stem "vejdzirnav": in four titles (the shortest first), in the text of the fifth.
      expect(ids({ q: 'vējdzirnavas' })).to.deep.equal(['typo-title', 'title', 'long-title', 'mention']);
      const kindergartens = new SearchSnapshot([
        service('kg-text', 'Skolas pusdienas', 'School meals', 'Also for a kindergarten.'),
        service('kg-similar', 'Bērnudārzs', 'Kindergarten enrolment', ''),
        service('kg-stem-long', 'Bērnudārza klubs un vēl', 'Kindergarden club and more', ''),
        service('kg-stem', 'Bērnudārza klubs', 'Kindergarden club', ''),
      ]);
      expect(kindergartens.search(query({ q: 'kindergarden', lang: 'en' })).rows.map((r) => r.serviceId)).to.deep.equal([
        'kg-stem',
        'kg-stem-long',
        'kg-similar',
        'kg-text',
      ]);
    });

    it('orders by title in the language asked for when there is no query', () => {
      expect(ids({})).to.deep.equal(['other', 'long-title', 'title', 'typo-title', 'mention']); // folded Latvian titles
      expect(ids({ lang: 'en' })).to.deep.equal(['other', 'mention', 'typo-title', 'title', 'long-title']);
    });

    it('applies every filter, nationwide services counting for every municipality', () => {
      expect(ids({ municipality: '0940200' })).to.deep.equal(['long-title', 'title', 'typo-title', 'mention']);
      expect(ids({ agency: 'valmiera' })).to.deep.equal(['title']);
      expect(ids({ channel: 'in_person', q: 'vejdzirnavu' })).to.deep.equal(['typo-title']);
    });

    it('pages, with the total of all matches', () => {
      const page = snapshot.search(query({ q: 'vējdzirnavas', page: 2, pageSize: 3 }));
      expect(page.total).to.equal(4);
      expect(page.rows.map((r) => r.serviceId)).to.deep.equal(['mention']);
      expect(snapshot.search(query({ page: 9, pageSize: 3 }))).to.deep.equal({ total: 5, rows: [], partial: false });
    });

    it('replaces and removes services in a new snapshot, leaving the old one as it was', () => {
      const next = snapshot.with(new Set(['title', 'other']), [service('title', 'Vējdzirnavas', 'Windmills', '')]);
      expect(next.search(query({})).rows.map((r) => r.serviceId)).to.deep.equal(['title', 'long-title', 'typo-title', 'mention']);
      expect(snapshot.size).to.equal(5);
    });
  });

  describe('coherence with the catalogue', () => {
    const dragon = { ...base, id: `test-index-dragon-${run}`, relatedServices: [], title: { lv: 'Pūķu reģistrs', en: 'Dragon register' } };

    it('hears publications and withdrawals through the change feed', async () => {
      const index = catalogSearchIndex(stack.db.pool, stack.databaseUrl);
      await index.current(); // loaded before the changes: only the announcements bring them
      await publish(dragon, 1);
      await eventually('find the publication', async () => (await idsOf(index, { q: 'pūķu' })).includes(dragon.id));
      await publish({ ...dragon, title: { lv: 'Grifu reģistrs', en: 'Griffin register' } }, 2);
      await eventually('find the new version', async () => (await idsOf(index, { q: 'grifu' })).includes(dragon.id));
      expect(await idsOf(index, { q: 'pūķu' })).to.not.include(dragon.id);
      await withdrawDescription(dragon.id);
      await eventually('drop the withdrawn service', async () => !(await idsOf(index, { q: 'grifu' })).includes(dragon.id));
    });

    it('without announcements (no listening connection), reads the catalogue again once the index is over a second old', async () => {
      const deaf = new CatalogChangeListener(stack.db.pool, 'postgres://postgres@127.0.0.1:1/none');
      const index = new CatalogSearchIndex(stack.db.pool, deaf);
      const unicorn = {
        ...base,
        id: `test-index-unicorn-${run}`,
        relatedServices: [],
        title: { lv: 'Vienradžu reģistrs', en: 'Unicorn register' },
      };
      expect(await idsOf(index, { q: 'vienradžu' })).to.deep.equal([]);
      await publish(unicorn, 1);
      expect(deaf.listening).to.equal(false);
      // Nothing announces it: only reading the catalogue again (once the snapshot is a second old) finds it.
      await waitFor('the deaf index to read the catalogue again', async () => (await idsOf(index, { q: 'vienradžu' })).length > 0, 30_000);
      expect(await idsOf(index, { q: 'vienradžu' })).to.deep.equal([unicorn.id]);
    });
  });
});
