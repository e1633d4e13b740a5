// The text side of the public search: how text is folded (as catalog_fold does in SQL) and split into words, shared
// by the search (search-words.ts, search-snapshot.ts), the read model's reader and the tests.

// Letters that unaccent folds but Unicode does not decompose.
const UNDECOMPOSED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ħ: 'h', ı: 'i', þ: 'th' };

/** In JavaScript what catalog_fold (unaccent, lower) does in SQL: lower case without diacritics. */
export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđħıþ]/g, (c) => UNDECOMPOSED[c]);

/** The words of folded text, as a query token is split: runs of letters and digits. */
export const wordsOf = (folded: string): string[] => folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
