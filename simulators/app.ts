// What every simulator shares: fault injection, /healthz, JSON bodies, JSON errors and listening on a port.
import http from 'node:http';
import express, { type ErrorRequestHandler } from 'express';
import { errorBody, faultInjection, faultsFromEnv, type FaultState } from './faults';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Initial faults; SIM_* environment variables apply when absent. */
  faults?: Partial<FaultState>;
}

export interface RunningSimulator {
  url: string;
  close(): Promise<void>;
}

/** An app with the shared front routes; add the system's routes, then call `listen`. */
export function createSimulatorApp(slug: string, opts: SimulatorOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(faultInjection(opts.faults ?? faultsFromEnv(process.env, slug)));
  // `system` lets an adapter's config check notice a URL that points at the wrong simulator.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', system: slug });
  });
  app.use(express.json({ limit: '1mb' }));
  return app;
}

export async function listen(app: express.Express, opts: SimulatorOptions): Promise<RunningSimulator> {
  app.use((req, res) => {
    res.status(404).json(errorBody('route_not_found', `No route ${req.method} ${req.path}.`));
  });
  const onError: ErrorRequestHandler = (err: { status?: number; message?: string }, _req, res, _next) => {
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    res.status(status).json(errorBody(status === 500 ? 'internal_error' : 'bad_request', err.message ?? 'Request failed.'));
  };
  app.use(onError);

  const server = http.createServer(app);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections(); // keep-alive connections of fetch clients would hold close() open
      await closed;
    },
  };
}

/** Lower case without diacritics, so "brivibas" finds "Brīvības". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** An 11-digit personal code from "DDMMYY-NNNNN" or "DDMMYYNNNNN"; null when malformed. */
export function personalCodeParam(raw: string): string | null {
  const match = /^([0-9]{6})-?([0-9]{5})$/.exec(raw);
  return match ? match[1] + match[2] : null;
}
