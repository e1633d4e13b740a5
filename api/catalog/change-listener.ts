// What an API process hears of the catalogue's changes: every publication and withdrawal is announced with
// pg_notify('catalog_changes') in the same transaction (read-model.ts), and one LISTEN connection per pool passes
// each announcement on to what this process keeps in memory (the validators, the search index). While the
// connection is down, announcements may be missed: subscribers are told to forget everything, both when it is lost
// and when it is back, and `listening` says whether they may trust what they keep.
import pg, { type Pool } from 'pg';

const CHANNEL = 'catalog_changes';

export interface CatalogChangeSubscriber {
  /** The service was published anew or withdrawn. */
  changed(serviceId: string): void;
  /** Announcements may have been missed: nothing kept is known to be current. */
  reset(): void;
}

export class CatalogChangeListener {
  private readonly subscribers = new Set<CatalogChangeSubscriber>();
  private client: pg.Client | null = null;
  private retryDelay = 100;
  private readonly watchdog: NodeJS.Timeout;
  /** True while announcements are being heard. */
  listening = false;

  constructor(private readonly pool: Pool, private readonly databaseUrl: string) {
    // The pool's owner closes the pool, not this listener: when the pool ends, so does the listening connection.
    this.watchdog = setInterval(() => { if (this.pool.ending) this.stop(); }, 1000);
    this.watchdog.unref();
    void this.listen();
  }

  subscribe(subscriber: CatalogChangeSubscriber): void {
    this.subscribers.add(subscriber);
  }

  private announce(serviceId: string | undefined): void {
    for (const s of this.subscribers) {
      if (serviceId === undefined) s.reset(); else s.changed(serviceId);
    }
  }

  private async listen(): Promise<void> {
    if (this.pool.ending) return;
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (msg) => {
      let serviceId: unknown;
      try {
        serviceId = (JSON.parse(msg.payload ?? '{}') as { serviceId?: unknown }).serviceId;
      } catch {
        serviceId = undefined;
      }
      this.announce(typeof serviceId === 'string' ? serviceId : undefined);
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      this.announce(undefined);
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
      this.listening = true;
      this.retryDelay = 100;
      this.announce(undefined); // what was kept before now may have missed a change
    } catch {
      lost();
    }
  }

  private stop(): void {
    clearInterval(this.watchdog);
    const client = this.client;
    this.client = null;
    this.listening = false;
    this.announce(undefined);
    client?.end().catch(() => undefined);
  }
}

const listeners = new WeakMap<Pool, CatalogChangeListener>();

export function catalogChangeListener(pool: Pool, databaseUrl: string): CatalogChangeListener {
  let listener = listeners.get(pool);
  if (!listener) {
    listener = new CatalogChangeListener(pool, databaseUrl);
    listeners.set(pool, listener);
  }
  return listener;
}
