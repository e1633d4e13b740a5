// The validators (ETag, publication time) of published services, kept per API process so that a conditional read
// (a republishing portal's or the widget's revalidation) needs no database round trip. Coherent through the change
// feed: every publication and withdrawal is announced with pg_notify('catalog_changes') in the same transaction
// (read-model.ts), and this process drops the service's entry when it hears it. The cache is used only while the
// listening connection is up; when it fails, every read asks the database until it is back (entries are dropped,
// since announcements may have been missed meanwhile).
import pg, { type Pool } from 'pg';
import { publishedValidator, type PublishedValidator } from './search';

const CHANNEL = 'catalog_changes';
const MAX_ENTRIES = 100_000; // unknown ids are remembered too (as null): the bound keeps random ids from growing it

export class ValidatorCache {
  private readonly entries = new Map<string, PublishedValidator | null>();
  /** Bumped by every announcement: a database answer that raced with one is not kept. */
  private generation = 0;
  private listening = false;
  private client: pg.Client | null = null;
  private retryDelay = 100;
  private readonly watchdog: NodeJS.Timeout;

  constructor(private readonly pool: Pool, private readonly databaseUrl: string) {
    // The pool's owner closes the pool, not this cache: when the pool ends, so does the listening connection.
    this.watchdog = setInterval(() => { if (this.pool.ending) this.stop(); }, 1000);
    this.watchdog.unref();
    void this.listen();
  }

  async get(serviceId: string): Promise<PublishedValidator | null> {
    if (this.listening) {
      const known = this.entries.get(serviceId);
      if (known !== undefined) return known;
    }
    const generation = this.generation;
    const found = await publishedValidator(this.pool, serviceId);
    if (this.listening && generation === this.generation) {
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

  private async listen(): Promise<void> {
    if (this.pool.ending) return;
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (msg) => {
      try {
        const { serviceId } = JSON.parse(msg.payload ?? '{}') as { serviceId?: unknown };
        this.forget(typeof serviceId === 'string' ? serviceId : undefined);
      } catch {
        this.forget();
      }
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      this.forget();
      client.end().catch(() => undefined);
      if (this.pool.ending) return;
      setTimeout(() => void this.listen(), this.retryDelay).unref();
      this.retryDelay = Math.min(this.retryDelay * 2, 5000);
    };
    client.on('error', lost);
    client.on('end', lost);
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.forget();
      this.listening = true;
      this.retryDelay = 100;
    } catch {
      lost();
    }
  }

  private stop(): void {
    clearInterval(this.watchdog);
    const client = this.client;
    this.client = null;
    this.listening = false;
    this.forget();
    client?.end().catch(() => undefined);
  }
}

const caches = new WeakMap<Pool, ValidatorCache>();

export function validatorCache(pool: Pool, databaseUrl: string): ValidatorCache {
  let cache = caches.get(pool);
  if (!cache) {
    cache = new ValidatorCache(pool, databaseUrl);
    caches.set(pool, cache);
  }
  return cache;
}
