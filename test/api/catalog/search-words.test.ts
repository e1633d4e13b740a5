// How the public search reads words: stems, typos, compounds, the dictionary's phrases, and the dictionary itself.
import { expect } from 'chai';
import dictionary from '../../../api/catalog/search-synonyms.json';
import { editDistance, matchQuality, parseQuery, QUALITY, queryWord, stem } from '../../../api/catalog/search-words';
import { fold } from '../../../api/catalog/search-text';

const quality = (query: string, word: string) => matchQuality(queryWord(fold(query)), fold(word), stem(fold(word)));
const alternatives = (q: string) => parseQuery(q).map((c) => c.alternatives.map((a) => a.map((w) => w.word).join(' ')));

describe('api/catalog/search-words', () => {
  it('stems Latvian and English endings, keeping three letters', () => {
    expect(stem('dzivesvietas')).to.equal(stem('dzivesvietu')).and.equal('dzivesviet');
    expect(stem('pase')).to.equal(stem('pases')).and.equal('pas');
    expect(stem('permits')).to.equal('permit');
    expect(stem('ur')).to.equal('ur');
  });

  it('matches the same stem and a longer stem opening a word, never a short stem inside another word', () => {
    expect(quality('pases', 'pase')).to.equal(QUALITY.stem);
    expect(quality('deklarēt', 'deklarēšana')).to.equal(QUALITY.stem);
    expect(quality('pase', 'pasākums')).to.equal(0);
    expect(quality('pase', 'pašvaldība')).to.equal(0);
    expect(quality('sports', 'passport')).to.equal(0);
    expect(quality('passport', 'sporta')).to.equal(0);
  });

  it('matches compounds by a stem of six letters or more', () => {
    expect(quality('atļauja', 'būvatļauja')).to.equal(QUALITY.compound);
    expect(quality('pārreģistrācija', 'reģistrācija')).to.equal(QUALITY.compound);
  });

  it('forgives one typo from five letters, two from eight, keeping the first letter and the length within one', () => {
    expect(quality('pasport', 'passport')).to.equal(QUALITY.typo);
    expect(quality('kindergarden', 'kindergarten')).to.equal(QUALITY.typo);
    expect(quality('pieraksts', 'ieraksts')).to.equal(0);
    expect(quality('pasts', 'pase')).to.equal(0); // post is no passport
    expect(quality('pasu', 'pase')).to.equal(QUALITY.stem); // the genitive plural is
    expect(editDistance('abcd', 'abdc', 2)).to.equal(1); // a swap is one edit
    expect(editDistance('abc', 'xyzabc', 2)).to.equal(3); // more than max: max + 1
  });

  it('reads a query into concepts: dictionary phrases with their alternatives, soft words optional, stop words dropped', () => {
    expect(alternatives('autovadītāja apliecība')[0]).to.include.members(['autovaditaja aplieciba', 'driving licence']);
    expect(alternatives('firma')[0]).to.include.members(['firma', 'komersants', 'company']);
    expect(alternatives('nursery')[0]).to.include('kindergarten');
    expect(alternatives('CSDD')[0]).to.include.members(['csdd', 'road traffic safety directorate']);
    const [apply, passport] = parseQuery('how do I apply for a passport');
    expect(apply).to.deep.include({ required: false });
    expect(passport.required).to.equal(true);
    expect(passport.alternatives.map((a) => a.map((w) => w.word).join(' '))).to.include('pase');
    expect(parseQuery('the')).to.have.length(1); // only stop words: they are what there is
  });

  it("keeps the dictionary's groups apart: no phrase in two groups, at least two phrases in each", () => {
    const seen = new Map<string, number>();
    dictionary.groups.forEach((group, i) => {
      expect(group.length, group.join(', ')).to.be.at.least(2);
      for (const p of group) {
        const key = fold(p);
        expect(seen.has(key), `${p} in groups ${seen.get(key)} and ${i}`).to.equal(false);
        seen.set(key, i);
      }
    });
  });
});
