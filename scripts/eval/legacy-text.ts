// The text side of the first public search (before the one search), kept for the baseline of `npm run eval:search`
// (legacy-search.ts): how a query was split into tokens and crudely stemmed, and the catalogue's vocabulary that
// corrected typos with pg_trgm's word similarity, computed in JavaScript.

// Words that carry no meaning on their own; dropped unless the query has nothing else.
const STOP_WORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'from',
  'par',
  'pie',
  'bez',
  'vai',
  'kā',
  'pēc',
  'uz',
  'un',
  'ar',
  'no',
  'of',
  'to',
  'in',
  'on',
  'an',
]);
const MAX_TOKENS = 8;

/** The words of a query that each must match (fuzzily): 3+ letters, stop words left out when others remain. */
export function searchTokens(q: string | undefined): string[] {
  const words = (q ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2);
  const long = words.filter((w) => w.length >= 3);
  const meaningful = long.filter((w) => !STOP_WORDS.has(w));
  const chosen = meaningful.length > 0 ? meaningful : long.length > 0 ? long : words;
  return [...new Set(chosen)].slice(0, MAX_TOKENS);
}

/**
 * The literal part of a token: Latvian and English endings dropped (a crude stem), so "atļauja" also finds
 * "atļaujas" and "atļauju", "permits" finds "permit". Short words stay whole.
 */
export function stemOf(token: string): string {
  const stem = token.replace(/(?:[aeiouyāēīū]+[sm]?|s)$/u, '');
  return stem.length >= 4 ? stem : token;
}

// ---- the catalogue's vocabulary, for typo tolerance ----

const SIMILARITY_THRESHOLD = 0.6; // pg_trgm's default word_similarity_threshold
const MAX_SIMILAR_WORDS = 5;

/** pg_trgm's trigrams of one word: padded with two spaces in front and one behind. */
function trigramsOf(word: string): string[] {
  const padded = `  ${word} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i += 1) out.push(padded.slice(i, i + 3));
  return out;
}

/** pg_trgm's word_similarity(token, word): the best Jaccard similarity of the token's trigrams and a run of the word's. */
export function wordSimilarity(token: string, word: string): number {
  const wanted = new Set(trigramsOf(token));
  const run = trigramsOf(word);
  let best = 0;
  for (let i = 0; i < run.length; i += 1) {
    const seen = new Set<string>();
    let common = 0;
    for (let j = i; j < run.length; j += 1) {
      if (seen.has(run[j])) continue;
      seen.add(run[j]);
      if (wanted.has(run[j])) common += 1;
      best = Math.max(best, common / (wanted.size + seen.size - common));
    }
  }
  return best;
}

export class Vocabulary {
  private readonly byTrigram = new Map<string, number[]>();

  constructor(private readonly words: string[]) {
    words.forEach((word, i) => {
      for (const t of new Set(trigramsOf(word))) {
        const list = this.byTrigram.get(t);
        if (list) list.push(i);
        else this.byTrigram.set(t, [i]);
      }
    });
  }

  /** Corrections already worked out: this vocabulary never changes (a publication brings a new one). */
  private readonly corrections = new Map<string, string[]>();

  /** Words of the catalogue at least 0.6 similar to the (folded) token, best first; the token itself excluded. */
  similarWords(token: string): string[] {
    let found = this.corrections.get(token);
    if (!found) {
      found = this.computeSimilarWords(token);
      if (this.corrections.size >= 10_000) this.corrections.clear(); // bounded: odd tokens do not pile up
      this.corrections.set(token, found);
    }
    return [...found];
  }

  private computeSimilarWords(token: string): string[] {
    const wanted = new Set(trigramsOf(token));
    const shared = new Map<number, number>();
    for (const t of wanted) for (const i of this.byTrigram.get(t) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    // A similarity of 0.6 needs at least 60 % of the token's trigrams: only those words are compared.
    const needed = Math.ceil(SIMILARITY_THRESHOLD * wanted.size);
    return [...shared]
      .filter(([i, n]) => n >= needed && this.words[i] !== token)
      .map(([i]) => ({ word: this.words[i], similarity: wordSimilarity(token, this.words[i]) }))
      .filter((c) => c.similarity >= SIMILARITY_THRESHOLD)
      .sort((a, b) => b.similarity - a.similarity || a.word.localeCompare(b.word))
      .slice(0, MAX_SIMILAR_WORDS)
      .map((c) => c.word);
  }
}
