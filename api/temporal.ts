// The API's Temporal client, connected on first use and reused; a failed connection is retried on the next use.
import { Client, Connection } from '@temporalio/client';
import type { PlatformConfig } from './config';

export function lazyTemporalClient(config: PlatformConfig): { get(): Promise<Client>; close(): Promise<void> } {
  let pending: Promise<Client> | null = null;
  return {
    get() {
      pending ??= Connection.connect({ address: config.temporalAddress, connectTimeout: '3s' })
        .then((connection) => new Client({ connection, namespace: config.temporalNamespace }))
        .catch((e: unknown) => {
          pending = null;
          throw e;
        });
      return pending;
    },
    async close() {
      if (pending) await pending.then((c) => c.connection.close()).catch(() => undefined);
    },
  };
}
