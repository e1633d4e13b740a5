// How the public search reads a query and compares its words with the catalogue's: folded (no case, no
// diacritics), stemmed by Latvian and English endings, typos corrected by edit distance on longer words only, and
// the dictionary's synonyms and abbreviations (search-synonyms.json) as alternatives.
//
// Why not substrings and trigrams (the first search, search-text.ts): "pase" was a substring or a trigram run of
// "pašvaldība" and "pasākums", so a passport search listed every municipal trade permit. Here a word matches by its
// whole stem, as the start of a longer word only when the stem has five letters or more, and with a typo only when
// it has five letters or more and keeps its first letter.
import dictionary from './search-synonyms.json';
import { fold, wordsOf } from './search-text';

// Endings (folded) taken off a word, longest first: Latvian noun, adjective and verb endings, English plurals and
// verb forms. What is left must keep three letters.
const ENDINGS = [
  'esanas', 'esana', 'sanas', 'sana', 'ejums', 'ejumu', 'ibas', 'iba', 'ijas', 'ija', 'umu', 'ums', 'iem', 'ing', 'ies',
  'am', 'em', 'im', 'um', 'os', 'as', 'es', 'is', 'us', 'ai', 'ei', 'ie', 'et', 'at', 'it', 'ot', 'ed', 'a', 'e', 'i', 'u', 's', 'o', 'y',
]; // prettier-ignore
const MIN_STEM = 3;
/** A stem this long may also be the start of a longer word ("deklar" → "deklarēšana"). */
const MIN_OPEN_STEM = 5;
/** Inside a compound only a longer stem counts: "sport" is in "passport", "atļauj" in "būvatļauja". */
const MIN_COMPOUND_STEM = 6;

/** The stem of a folded word: one ending off, at least three letters left. */
export function stem(word: string): string {
  for (const ending of ENDINGS) {
    if (word.length - ending.length >= MIN_STEM && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  return word;
}

/** Typos forgiven: none in a stem under five letters, one up to seven, two from eight. */
export const allowedEdits = (length: number): number => (length >= 8 ? 2 : length >= MIN_OPEN_STEM ? 1 : 0);

/** The optimal string alignment distance of a and b (an adjacent swap is one edit), or max + 1 when larger. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** How well a word matches: the same word, the same stem, the stem opening a longer word or closing a compound, a typo. */
export const QUALITY = { exact: 1, stem: 0.85, typo: 0.7, compound: 0.6 } as const;

/** A query word ready to be compared: folded and stemmed. */
export interface QueryWord {
  word: string;
  stem: string;
}

export const queryWord = (word: string): QueryWord => ({ word, stem: stem(word) });

/** How well the catalogue's (folded) word with its stem matches the query's word; 0 when it does not. */
export function matchQuality(q: QueryWord, word: string, wordStem: string): number {
  if (word === q.word) return QUALITY.exact;
  if (wordStem === q.stem) return QUALITY.stem;
  if (q.stem.length >= MIN_OPEN_STEM) {
    if (word.startsWith(q.stem)) return QUALITY.stem;
  }
  // The end of a compound: at least three letters before the stem, only an ending after it.
  if (q.stem.length >= MIN_COMPOUND_STEM) {
    const at = word.indexOf(q.stem, MIN_STEM);
    if (at >= MIN_STEM && stem(word.slice(at)) === q.stem) return QUALITY.compound;
  }
  // The query's compound ending in the catalogue's word ("pārreģistrācija" → "reģistrācija").
  if (wordStem.length >= MIN_COMPOUND_STEM) {
    const at = q.word.indexOf(wordStem, MIN_STEM);
    if (at >= MIN_STEM && stem(q.word.slice(at)) === wordStem) return QUALITY.compound;
  }
  // A typo keeps the first letter: people seldom miss it, and Latvian prefixes change the meaning ("ieraksts", "pieraksts").
  const edits = allowedEdits(q.stem.length);
  // and the length within one letter: a shorter stem inside the word ("registr" of "registrac") is another word.
  if (edits === 0 || q.stem[0] !== wordStem[0] || Math.abs(q.stem.length - wordStem.length) > 1) return 0;
  return editDistance(q.stem, wordStem, edits) <= edits ? QUALITY.typo : 0;
}

// ---- the query ----

/** One thing the query asks for: any of the alternatives (each a list of words that must all match). */
export interface Concept {
  alternatives: QueryWord[][];
  /** Soft words (what the person wants to do) rank a match higher but are not required. */
  required: boolean;
}

const phrase = (text: string): QueryWord[] => wordsOf(fold(text)).map(queryWord);
const GROUPS: QueryWord[][][] = dictionary.groups.map((group) => group.map(phrase));
const SOFT = new Set(dictionary.soft.map(fold));
const STOP = new Set(dictionary.stop.map(fold));
const MAX_CONCEPTS = 8;

/** Whether the query's words from `at` on start with the phrase (each word matching as the search matches words). */
function startsWith(words: QueryWord[], at: number, phraseWords: QueryWord[]): boolean {
  if (at + phraseWords.length > words.length) return false;
  return phraseWords.every((p, i) => matchQuality(p, words[at + i].word, words[at + i].stem) >= QUALITY.typo);
}

/** The dictionary's longest phrase at `at`: its group and its length in words. */
function phraseAt(words: QueryWord[], at: number): { group: QueryWord[][]; length: number } | null {
  let best: { group: QueryWord[][]; length: number } | null = null;
  for (const group of GROUPS) {
    for (const p of group) {
      if (p.length > (best?.length ?? 0) && startsWith(words, at, p)) best = { group, length: p.length };
    }
  }
  return best;
}

/** The query's words, folded: letters and digits, two or more of them (one-letter words carry nothing). */
export function queryWords(q: string | undefined): QueryWord[] {
  return wordsOf(fold(q ?? ''))
    .filter((w) => w.length >= 2)
    .map(queryWord);
}

/** What the query asks for: dictionary phrases with their alternatives, the other words as they are; stop words dropped. */
export function parseQuery(q: string | undefined): Concept[] {
  const all = queryWords(q);
  const meaningful = all.filter((w) => !STOP.has(w.word));
  const words = meaningful.length > 0 ? meaningful : all;
  const concepts: Concept[] = [];
  for (let at = 0; at < words.length && concepts.length < MAX_CONCEPTS;) {
    const found = phraseAt(words, at);
    if (found) {
      // The person's own words first: they rank above the synonyms.
      const own = words.slice(at, at + found.length);
      concepts.push({ alternatives: [own, ...found.group], required: true });
      at += found.length;
    } else {
      concepts.push({ alternatives: [[words[at]]], required: !SOFT.has(words[at].word) });
      at += 1;
    }
  }
  // Only soft words: they are what there is to look for.
  if (concepts.every((c) => !c.required)) for (const c of concepts) c.required = true;
  return concepts;
}
