// The one LISTEN loop: a dedicated connection (LISTEN needs one; a pooled one would be handed to others) that
// reconnects after the database restarts, with a growing pause capped at 5 s, for as long as it is not stopped.
// Notifications sent while it is down are lost: onLost and onListening tell the owner when to distrust what it kept.
import pg from 'pg';

export interface ListenHandlers {
  onNotification(payload: string | undefined): void;
  /** LISTEN took effect (first connect or a reconnect). */
  onListening?(): void;
  /** The connection is gone; it reconnects unless stopped. */
  onLost?(): void;
  onError?(e: Error): void;
}

export interface Listener {
  /** True while notifications are being heard. */
  readonly listening: boolean;
  stop(): Promise<void>;
}

/** Listens on `channel` (a constant identifier, never user input) at `url`. */
export function listen(url: string, channel: string, handlers: ListenHandlers): Listener {
  let client: pg.Client | null = null;
  let stopped = false;
  let listening = false;
  let delay = 100;
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url });
    const lost = (e?: Error) => {
      if (client !== c) return; // an earlier connection ending late
      client = null;
      listening = false;
      if (e) handlers.onError?.(e);
      handlers.onLost?.();
      c.end().catch(() => undefined);
      if (stopped) return;
      setTimeout(() => void connect(), delay).unref();
      delay = Math.min(delay * 2, 5000);
    };
    c.on('notification', (msg) => handlers.onNotification(msg.payload));
    c.on('error', (e) => lost(e));
    c.on('end', () => lost());
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (e) {
      lost(e as Error);
      return;
    }
    if (client !== c) {
      await c.end().catch(() => undefined); // stopped while connecting
      return;
    }
    listening = true;
    delay = 100;
    handlers.onListening?.();
  };
  void connect();
  return {
    get listening() {
      return listening;
    },
    async stop() {
      stopped = true;
      const c = client;
      client = null;
      listening = false;
      await c?.end().catch(() => undefined);
    },
  };
}
