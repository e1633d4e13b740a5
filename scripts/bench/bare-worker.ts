// The baseline's worker process (started by the e-service benchmark, like activities/worker.ts is for the
// interpreter): bare-workflow.ts with no-op activities. A no-op's mark goes to the bench over the IPC channel.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { BareActivities } from './bare-workflow';

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS;
  const taskQueue = process.env.TEMPORAL_TASK_QUEUE;
  if (!address || !taskQueue || !process.send)
    throw new Error('start me from scripts/bench/eservices.ts (TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, IPC)');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address });
  const activities: BareActivities = {
    async noop(req) {
      if (req.mark) process.send?.({ mark: req.mark, workflowId: req.workflowId });
    },
  };
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue,
    workflowsPath: require.resolve('./bare-workflow'),
    activities,
  });
  const stop = () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('disconnect', stop); // the bench went away
  process.send({ ready: true });
  await worker.run();
  await connection.close();
  if (process.connected) process.disconnect(); // the IPC channel would keep the process alive
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
