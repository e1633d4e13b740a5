// The public search (integration API 3), answered from an index of the published catalogue kept in each API
// process. The catalogue is small (thousands of services, a few MB) and read far more often than it changes, so the
// index is built from the read model (catalog_published) and kept coherent through the change feed's announcements
// (change-listener.ts): a search after an announcement waits until the changed services are read again. Without
// announcements (the listening connection down) a search reads the catalogue again when the index is over 1 s old.
//
// Why not SQL: trigram LIKEs over each service's 500 folded characters cost 5-15 ms of database time a search, so
// 16 concurrent searches queued to a p95 of 55-70 ms on two cores; here a search costs well under a millisecond.
// What matches and how it ranks: search-snapshot.ts and search-words.ts.
import type { Pool } from 'pg';
import { publishedForSearch } from '../../db/catalog/published';
import { catalogChangeListener, type CatalogChangeListener } from './change-listener';
import { wordsOf } from './search-text';
import { SearchSnapshot, type CatalogSearch, type IndexedService, type SearchResult } from './search-snapshot';

export { SearchSnapshot, type CatalogSearch, type IndexedService, type SearchResult, type SearchRow } from './search-snapshot';

/** The published services (or those of `ids`) as the index holds them. */
export async function readServices(pool: Pool, ids?: string[]): Promise<IndexedService[]> {
  return (await publishedForSearch(pool, ids)).map(({ searchFold, ...s }) => ({
    ...s,
    titleEnLower: s.title.en.toLowerCase(),
    words: [...new Set(wordsOf(searchFold))],
  }));
}

/** Without announcements, how old the index may be before a search reads the catalogue again. */
const UNANNOUNCED_MAX_AGE_MS = 1000;
/** More changed services than this at once are read with the whole catalogue. */
const MAX_CHANGED_READ = 500;

/** The index of one pool's catalogue, brought up to date before a search when the catalogue has changed. */
export class CatalogSearchIndex {
  private snapshot: SearchSnapshot | null = null;
  private readAt = 0;
  private readAll = true;
  private readonly changed = new Set<string>();
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly listener: CatalogChangeListener,
  ) {
    listener.subscribe({
      changed: (serviceId) => {
        this.changed.add(serviceId);
      },
      reset: () => {
        this.readAll = true;
      },
    });
  }

  async search(s: CatalogSearch): Promise<SearchResult> {
    return (await this.current()).search(s);
  }

  /** The snapshot that has every announced change. */
  async current(): Promise<SearchSnapshot> {
    if (!this.listener.listening && Date.now() - this.readAt > UNANNOUNCED_MAX_AGE_MS) this.readAll = true;
    // A round that was under way when this search came may have started before the latest announcement: up to three
    // rounds, so that a stream of publications does not hold a search back for long.
    for (let round = 0; round < 3 && (this.readAll || this.changed.size > 0 || !this.snapshot); round += 1) {
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = null;
      });
      await this.refreshing;
    }
    if (!this.snapshot) throw new Error('the catalogue could not be read for search');
    return this.snapshot;
  }

  /** One round of reading: what was announced before it starts is in the snapshot it leaves. */
  private async refresh(): Promise<void> {
    const readAll = this.readAll || !this.snapshot || this.changed.size > MAX_CHANGED_READ;
    const ids = new Set(this.changed);
    this.readAll = false;
    this.changed.clear();
    try {
      const startedAt = Date.now();
      if (readAll) {
        this.snapshot = new SearchSnapshot(await readServices(this.pool));
      } else {
        this.snapshot = (this.snapshot as SearchSnapshot).with(ids, await readServices(this.pool, [...ids]));
      }
      if (readAll) this.readAt = startedAt;
    } catch (e) {
      // Not read: the next search tries again.
      if (readAll) this.readAll = true;
      for (const id of ids) this.changed.add(id);
      throw e;
    }
  }
}

const indexes = new WeakMap<Pool, CatalogSearchIndex>();

export function catalogSearchIndex(pool: Pool, databaseUrl: string): CatalogSearchIndex {
  let index = indexes.get(pool);
  if (!index) {
    index = new CatalogSearchIndex(pool, catalogChangeListener(pool, databaseUrl));
    indexes.set(pool, index);
  }
  return index;
}
