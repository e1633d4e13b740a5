// What an API process hears of the catalogue's changes: every publication and withdrawal is announced with
// pg_notify('catalog_changes') in the same transaction (db/catalog/read-model.ts), and one LISTEN connection per pool passes
// each announcement on to what this process keeps in memory (the validators, the search index). While the
// connection is down, announcements may be missed: subscribers are told to forget everything, both when it is lost
// and when it is back, and `listening` says whether they may trust what they keep.
import type { Pool } from 'pg';
import { listen, type Listener } from '../../db/listen';

const CHANNEL = 'catalog_changes';

export interface CatalogChangeSubscriber {
  /** The service was published anew or withdrawn. */
  changed(serviceId: string): void;
  /** Announcements may have been missed: nothing kept is known to be current. */
  reset(): void;
}

export class CatalogChangeListener {
  private readonly subscribers = new Set<CatalogChangeSubscriber>();
  private readonly listener: Listener;
  private readonly watchdog: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly pool: Pool,
    databaseUrl: string,
  ) {
    // The pool's owner closes the pool, not this listener: when the pool ends, so does the listening connection.
    this.watchdog = setInterval(() => {
      if (this.pool.ending) this.stop();
    }, 1000);
    this.watchdog.unref();
    this.listener = listen(databaseUrl, CHANNEL, {
      onNotification: (payload) => {
        let serviceId: unknown;
        try {
          serviceId = (JSON.parse(payload ?? '{}') as { serviceId?: unknown }).serviceId;
        } catch {
          serviceId = undefined;
        }
        this.announce(typeof serviceId === 'string' ? serviceId : undefined);
      },
      // What was kept before may have missed a change: both when the connection is lost and when it is back.
      onListening: () => this.announce(undefined),
      onLost: () => {
        this.announce(undefined);
        if (this.pool.ending) this.stop();
      },
    });
  }

  /** True while announcements are being heard. */
  get listening(): boolean {
    return this.listener.listening;
  }

  subscribe(subscriber: CatalogChangeSubscriber): void {
    this.subscribers.add(subscriber);
  }

  private announce(serviceId: string | undefined): void {
    for (const s of this.subscribers) {
      if (serviceId === undefined) s.reset();
      else s.changed(serviceId);
    }
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.watchdog);
    this.announce(undefined);
    void this.listener.stop();
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
