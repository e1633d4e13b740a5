// Liveness (/healthz: the process answers) and readiness (/readyz: PostgreSQL and Temporal answer, yes or no).
import { route } from './routing';
import { ping } from '../../db/connection';

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes = [
  route({
    method: 'get',
    path: '/healthz',
    tag: 'Operations',
    summary: 'The process is up',
    auth: 'public',
    responses: { 200: { description: 'Up', schema: 'get-healthz-response' } },
    async handler() {
      return { body: { status: 'ok' } };
    },
  }),
  route({
    method: 'get',
    path: '/readyz',
    tag: 'Operations',
    summary: 'Ready or not (PostgreSQL and Temporal answer); the reasons are in the logs only',
    auth: 'public',
    responses: {
      200: { description: 'Ready', schema: 'get-readyz-response' },
      503: { description: 'A dependency does not answer', schema: 'get-readyz-response' },
    },
    async handler(ctx) {
      const failed: Record<string, string> = {};
      await Promise.all([
        within(2000, ping(ctx.deps.db.pool)).catch((e: Error) => {
          failed.postgres = e.message;
        }),
        within(
          2000,
          ctx.deps.temporal().then((c) => c.connection.workflowService.getSystemInfo({})),
        ).catch((e: Error) => {
          failed.temporal = e.message;
        }),
      ]);
      // Which component failed and why (host names, ports, driver messages) is for operators, not for the internet.
      const ok = Object.keys(failed).length === 0;
      if (!ok) ctx.req.log.warn({ failed }, 'not ready');
      return { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' }, body: { status: ok ? 'ready' : 'not_ready' } };
    },
  }),
];
