// The validators (ETag, publication time) of published services, kept per API process so that a conditional read
// (a republishing portal's or the widget's revalidation) needs no database round trip. Coherent through the change
// feed's announcements (change-listener.ts): an entry is dropped when its service changes. The cache is used only
// while announcements are heard; otherwise every read asks the database.
import type { Pool } from 'pg';
import { catalogChangeListener, type CatalogChangeListener } from './change-listener';
import { publishedValidator, type PublishedValidator } from '../../db/catalog/published';

const MAX_ENTRIES = 100_000; // unknown ids are remembered too (as null): the bound keeps random ids from growing it

export class ValidatorCache {
  private readonly entries = new Map<string, PublishedValidator | null>();
  /** Bumped by every announcement: a database answer that raced with one is not kept. */
  private generation = 0;

  constructor(
    private readonly pool: Pool,
    private readonly listener: CatalogChangeListener,
  ) {
    listener.subscribe({ changed: (serviceId) => this.forget(serviceId), reset: () => this.forget() });
  }

  async get(serviceId: string): Promise<PublishedValidator | null> {
    if (this.listener.listening) {
      const known = this.entries.get(serviceId);
      if (known !== undefined) return known;
    }
    const generation = this.generation;
    const found = await publishedValidator(this.pool, serviceId);
    if (this.listener.listening && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(serviceId, found);
    }
    return found;
  }

  private forget(serviceId?: string): void {
    this.generation += 1;
    if (serviceId === undefined) this.entries.clear();
    else this.entries.delete(serviceId);
  }
}

const caches = new WeakMap<Pool, ValidatorCache>();

export function validatorCache(pool: Pool, databaseUrl: string): ValidatorCache {
  let cache = caches.get(pool);
  if (!cache) {
    cache = new ValidatorCache(pool, catalogChangeListener(pool, databaseUrl));
    caches.set(pool, cache);
  }
  return cache;
}
