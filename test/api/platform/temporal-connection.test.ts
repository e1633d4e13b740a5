// The API's gRPC interceptors towards Temporal: a retry that fires after the connection was closed ends the call
// with CANCELLED instead of throwing from a timer (an uncaught exception that would end the API process).
import { expect } from 'chai';
import { InterceptingCall, ListenerBuilder, Metadata, RequesterBuilder, status as grpcStatus, type StatusObject } from '@grpc/grpc-js';
import { Connection } from '@temporalio/client';
import { closedConnectionGuard, connectionOptions } from '../../../api/platform/temporal';

type Guard = ReturnType<typeof closedConnectionGuard>;

describe('api: the Temporal connection interceptors', () => {
  it('passes a call through while the channel is open', () => {
    const call = { marker: 'the channel call' };
    const next = (() => call) as unknown as Parameters<Guard>[1];
    expect(closedConnectionGuard()({} as Parameters<Guard>[0], next)).to.equal(call);
  });

  it('ends a call on a closed channel with CANCELLED, delivered to the listener, instead of throwing', async () => {
    const closed = (() => {
      throw new Error('Channel has been shut down');
    }) as unknown as Parameters<Guard>[1];
    const call = closedConnectionGuard()({} as Parameters<Guard>[0], closed);
    const received = await new Promise<StatusObject>((resolve) => {
      call.start(new Metadata(), { onReceiveStatus: resolve, onReceiveMessage() {}, onReceiveMetadata() {} });
      call.sendMessage({});
      call.halfClose();
    });
    expect(received.code).to.equal(grpcStatus.CANCELLED);
    expect(received.details).to.equal('The connection to Temporal was closed: Channel has been shut down');
    expect(received.metadata).to.be.instanceOf(Metadata);
  });

  it('a connection closed between two attempts of a call: the call fails, nothing is thrown', async () => {
    // A spy next to the channel closes the connection when the first attempt fails (a closed port refuses it), so
    // the retry interceptor's next attempt always lands on a closed channel: the race of an API shutting down.
    let connection: Connection | undefined;
    let attempts = 0;
    const closeOnFirstFailure: Guard = (options, nextCall) =>
      new InterceptingCall(
        nextCall(options),
        new RequesterBuilder()
          .withStart((metadata, listener, next) => {
            attempts += 1;
            next(
              metadata,
              new ListenerBuilder()
                .withOnReceiveStatus((status, nextStatus) => {
                  if (attempts === 1) void connection?.close();
                  nextStatus(status);
                })
                .build(),
            );
          })
          .build(),
      );
    const base = connectionOptions({ temporalAddress: '127.0.0.1:1', temporalRpcTimeoutMs: 20_000 });
    const uncaught: unknown[] = [];
    let thrown!: (e: unknown) => void;
    const throwsUncaught = new Promise<{ uncaught: unknown }>((resolve) => {
      thrown = (e) => resolve({ uncaught: e });
    });
    const onUncaught = (e: unknown) => {
      uncaught.push(e);
      thrown(e);
    };
    const mochaHandlers = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', onUncaught);
    try {
      connection = Connection.lazy({ ...base, interceptors: [...(base.interceptors ?? []), closeOnFirstFailure] });
      const call = connection.workflowService.getSystemInfo({}).then(
        () => null,
        (e: unknown) => e as { code?: number },
      );
      const error = await Promise.race([call, throwsUncaught]); // without the guard the call never ends
      expect(uncaught.map(String)).to.deep.equal([]);
      expect((error as { code?: number } | null)?.code).to.equal(grpcStatus.CANCELLED);
      expect(attempts).to.equal(1); // the retry never reached the channel
    } finally {
      process.removeListener('uncaughtException', onUncaught);
      for (const h of mochaHandlers) process.on('uncaughtException', h);
    }
  });

  it('ends a first call made after the connection was closed with CANCELLED, without an uncaught exception', async () => {
    const base = connectionOptions({ temporalAddress: '127.0.0.1:1', temporalRpcTimeoutMs: 20_000 });
    const connection = Connection.lazy(base);
    await connection.close();
    const uncaught: unknown[] = [];
    const mochaHandlers = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const error = await connection.workflowService.getSystemInfo({}).then(
        () => null,
        (e: unknown) => e as { code?: number },
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(uncaught.map(String)).to.deep.equal([]);
      expect(error?.code).to.equal(grpcStatus.CANCELLED);
    } finally {
      process.removeListener('uncaughtException', onUncaught);
      for (const h of mochaHandlers) process.on('uncaughtException', h);
    }
  });
});
