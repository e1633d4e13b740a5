// The public search's quality floor on the judged query set (search-judgements.json; `npm run eval:search` prints
// the figures against the search before): the seeded catalogue indexed as the API indexes it, every judged query
// run through the search. A floor, not the figures of today: a change to matching, ranking or the dictionary that
// loses relevant services or brings a false friend back fails here.
import { expect } from 'chai';
import { SearchSnapshot } from '../../../api/catalog/search-index';
import { evaluate, judgements, measure, seededServices } from '../../../scripts/eval/search-quality';
import { services } from '../../../scripts/seed/demo-data';

const snapshot = new SearchSnapshot(seededServices());
const outcomes = evaluate((q) => {
  const { rows, partial } = snapshot.search({ q, lang: 'lv', page: 1, pageSize: 20 });
  return { ids: rows.map((r) => r.serviceId), partial };
});

describe('api/catalog search quality (the judged query set)', () => {
  it('is a set of at least 60 queries in every group, judged against services the seed publishes', () => {
    expect(judgements.length).to.be.at.least(60);
    const groups = new Set(judgements.map((j) => j.group));
    expect([...groups]).to.include.members(['lv', 'lv-plain', 'en', 'abbreviation', 'synonym', 'typo', 'nothing']);
    const seeded = new Set(services.map((s) => s.id));
    for (const j of judgements) {
      for (const id of [...j.relevant, ...(j.notRelevant ?? [])]) expect(seeded.has(id), `${j.q}: ${id}`).to.equal(true);
    }
  });

  it('finds the relevant services in the first five: recall@5 ≥ 0.9 and MRR ≥ 0.9 overall, ≥ 0.8 in every group', () => {
    const all = measure(outcomes);
    expect(all.recallAt5, 'recall@5').to.be.at.least(0.9);
    expect(all.mrr, 'MRR').to.be.at.least(0.9);
    for (const group of new Set(judgements.filter((j) => j.relevant.length > 0).map((j) => j.group))) {
      const m = measure(outcomes.filter((o) => o.judgement.group === group));
      expect(m.recallAt5, `recall@5 of ${group}`).to.be.at.least(0.8);
    }
  });

  it('brings no false friend: "pase" finds the passport, not the trade or event permits', () => {
    expect(outcomes.flatMap((o) => o.falseFriends.map((id) => `${o.judgement.q} → ${id}`))).to.deep.equal([]);
    const pase = outcomes.find((o) => o.judgement.q === 'pase')!;
    expect(pase.found).to.deep.equal(['passport-issue']);
  });

  it('finds nothing that matches every word of a query no service answers', () => {
    expect(measure(outcomes).emptyWhenNothing).to.equal(1);
  });
});
