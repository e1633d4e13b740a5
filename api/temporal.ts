// The API's Temporal client, connected on first use and reused; a failed connection is retried on the next use.
import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
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

/**
 * Starts a workflow under its business id unless it runs (or ran) already: safe to call any number of times, which
 * is how a request cut off between the database and Temporal is healed by repeating it.
 */
export async function startWorkflowOnce(client: Client, workflowType: string, options: { taskQueue: string; workflowId: string; args: unknown[] }): Promise<void> {
  try {
    await client.workflow.start(workflowType, options);
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
}
