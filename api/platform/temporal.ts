// The API's Temporal client, connected on first use and reused; a failed connection is retried on the next use.
// Every call has a deadline (TEMPORAL_RPC_TIMEOUT_MS) and few gRPC retries, so a request that needs Temporal while
// it is unreachable, or waits on a workflow no worker runs, ends in seconds with an answer (api/platform/temporal-errors.ts)
// instead of hanging for minutes.
import {
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateStage,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ConnectionOptions,
} from '@temporalio/client';
import { Metadata, status as grpcStatus } from '@grpc/grpc-js';
import type { PlatformConfig } from '../../forms/config';
import { WorkAccepted, type ApiError } from './errors';
import { isTemporalUnavailable, isWorkflowGone, temporarilyUnavailable, toApiError } from './temporal-errors';

type GrpcInterceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/** Gives every call without a deadline one; the retry interceptor after it keeps to the same absolute deadline. */
export function defaultDeadline(ms: number): GrpcInterceptor {
  // grpc-js types the result as its InterceptingCall class; the chain only needs the interface nextCall returns.
  return (options, nextCall) =>
    nextCall(options.deadline ? options : { ...options, deadline: Date.now() + ms }) as ReturnType<GrpcInterceptor>;
}

/**
 * Ends a call cleanly when the connection was closed under it. The retry interceptor sends its next attempt from a
 * timer; if the API closed the connection meanwhile (shutting down after a request gave up on an unreachable server),
 * grpc-js throws "Channel has been shut down" in that timer, an uncaught exception that would end the process.
 */
export function closedConnectionGuard(): GrpcInterceptor {
  return (options, nextCall) => {
    try {
      return nextCall(options) as ReturnType<GrpcInterceptor>;
    } catch (e) {
      const ended = {
        code: grpcStatus.CANCELLED,
        details: `The connection to Temporal was closed: ${(e as Error).message}`,
        metadata: new Metadata(),
      };
      const call = {
        start(_metadata: Metadata, listener: { onReceiveMessage?: (m: undefined) => void; onReceiveStatus?: (s: typeof ended) => void }) {
          // No message, then the status: the retry interceptor passes its saved "message" on before a final status,
          // and has none to pass when the very first attempt meets the closed channel.
          setImmediate(() => {
            listener.onReceiveMessage?.(undefined);
            listener.onReceiveStatus?.(ended);
          });
        },
        sendMessage() {},
        sendMessageWithContext() {},
        startRead() {},
        halfClose() {},
        cancelWithStatus() {},
        getPeer: () => '',
      };
      return call as unknown as ReturnType<GrpcInterceptor>;
    }
  };
}

export function connectionOptions(config: Pick<PlatformConfig, 'temporalAddress' | 'temporalRpcTimeoutMs'>): ConnectionOptions {
  return {
    address: config.temporalAddress,
    connectTimeout: Math.min(3000, config.temporalRpcTimeoutMs),
    // Three quick attempts (about 0.5 s) for a blip; an unreachable server is reported, not waited for.
    interceptors: [
      defaultDeadline(config.temporalRpcTimeoutMs),
      makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 3 })),
      closedConnectionGuard(),
    ],
  };
}

export function lazyTemporalClient(config: PlatformConfig): { get(): Promise<Client>; close(): Promise<void> } {
  let pending: Promise<Client> | null = null;
  return {
    get() {
      pending ??= Connection.connect(connectionOptions(config))
        .then((connection) => new Client({ connection, namespace: config.temporalNamespace }))
        .catch((e: unknown) => {
          pending = null;
          throw temporarilyUnavailable('The e-service runtime cannot be reached; try again in a moment.', e);
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
export async function startWorkflowOnce(
  client: Client,
  workflowType: string,
  options: { taskQueue: string; workflowId: string; args: unknown[] },
): Promise<void> {
  try {
    await client.workflow.start(workflowType, options);
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
}

/** Responses of a route that needs Temporal (OpenAPI): unavailable, and for updates also accepted-not-finished. */
export const NEEDS_TEMPORAL = {
  503: {
    description: 'Temporal unreachable or the work not taken up in time: nothing changed; repeat after Retry-After',
    schema: 'error' as const,
  },
};
export const WAITS_ON_WORKFLOW = {
  ...NEEDS_TEMPORAL,
  202: {
    description: 'Accepted by the workflow but not finished in time: the outcome will show at Location',
    schema: 'work-accepted' as const,
  },
};

/**
 * Sends an update to a workflow and waits for its answer, each within the deadline. Not accepted in time (Temporal
 * down, no worker): 503 temporarily_unavailable, nothing changed. Accepted but not finished in time: WorkAccepted,
 * answered 202 with `href` where the outcome will show. A workflow rejection: its stable code (temporal-errors.ts).
 */
export async function updateWorkflow<R>(
  deps: { temporal(): Promise<Client>; config: Pick<PlatformConfig, 'temporalRpcTimeoutMs'> },
  workflowId: string,
  update: string | { name: string },
  arg: unknown,
  opts: { href: string; whenGone?: () => ApiError | Promise<ApiError> },
): Promise<R> {
  const name = typeof update === 'string' ? update : update.name;
  const client = await deps.temporal();
  const deadline = () => Date.now() + deps.config.temporalRpcTimeoutMs;
  try {
    const handle = client.workflow.getHandle(workflowId);
    const accepted = await client.connection.withDeadline(deadline(), () =>
      handle.startUpdate<R, [unknown]>(name, { args: [arg], waitForStage: WorkflowUpdateStage.ACCEPTED }),
    );
    try {
      return await client.connection.withDeadline(deadline(), () => accepted.result());
    } catch (e) {
      if (isTemporalUnavailable(e)) throw new WorkAccepted(opts.href);
      throw e;
    }
  } catch (e) {
    if (opts.whenGone && isWorkflowGone(e)) throw await opts.whenGone();
    throw toApiError(e);
  }
}
