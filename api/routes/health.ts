// Liveness (/healthz: the process answers) and readiness (/readyz: PostgreSQL and Temporal answer).
import { route } from '../routing';

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes = [
  route({
    method: 'get', path: '/healthz', tag: 'Operations', summary: 'The process is up', auth: 'public',
    responses: { 200: { description: 'Up', schema: 'get-healthz-response' } },
    async handler() {
      return { body: { status: 'ok' } };
    },
  }),
  route({
    method: 'get', path: '/readyz', tag: 'Operations', summary: 'PostgreSQL and Temporal are reachable', auth: 'public',
    responses: { 200: { description: 'Ready', schema: 'get-readyz-response' }, 503: { description: 'A dependency does not answer' } },
    async handler(ctx) {
      const checks: Record<string, { ok: boolean; error?: string }> = {};
      await Promise.all([
        within(2000, ctx.deps.db.pool.query('SELECT 1')).then(() => { checks.postgres = { ok: true }; }, (e: Error) => { checks.postgres = { ok: false, error: e.message }; }),
        within(2000, ctx.deps.temporal().then((c) => c.connection.workflowService.getSystemInfo({})))
          .then(() => { checks.temporal = { ok: true }; }, (e: Error) => { checks.temporal = { ok: false, error: e.message }; }),
      ]);
      const ok = Object.values(checks).every((c) => c.ok);
      return { status: ok ? 200 : 503, body: { status: ok ? 'ready' : 'not_ready', checks } };
    },
  }),
];
