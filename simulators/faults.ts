// Fault injection shared by every simulator, so tests and demos can make an external system slow, flaky or down:
//   GET /_faults (read), POST /_faults (merge a JSON patch), DELETE /_faults (back to no faults: requests still
//   delayed by the latency are let through at once), GET /_faults/waiting ({waiting: n}, the requests the latency
//   holds back now, so a test can see a request held rather than time it).
// Latency delays every response except the /_faults control routes; an outage and injected errors answer 503
// everywhere except /_faults and /healthz (the process itself stays alive, like a real system behind a gateway).
import express, { type Request, type Response, type NextFunction } from 'express';

export interface FaultState {
  /** Share of calls answered with 503, 0..1. */
  errorRate: number;
  latencyMs: number;
  outage: boolean;
}

export const NO_FAULTS: Readonly<FaultState> = Object.freeze({ errorRate: 0, latencyMs: 0, outage: false });
const MAX_LATENCY_MS = 120_000;

export function errorBody(code: string, message: string, details: Array<{ path?: string; code: string; message: string }> = []) {
  return { error: { code, message, details } };
}

/** Problems with a fault patch; empty when it is valid. */
export function faultPatchProblems(patch: unknown): string[] {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return ['the body must be a JSON object'];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'errorRate') {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) problems.push('errorRate must be a number from 0 to 1');
    } else if (key === 'latencyMs') {
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_LATENCY_MS) {
        problems.push(`latencyMs must be an integer from 0 to ${MAX_LATENCY_MS}`);
      }
    } else if (key === 'outage') {
      if (typeof value !== 'boolean') problems.push('outage must be true or false');
    } else {
      problems.push(`unknown fault "${key}" (known: errorRate, latencyMs, outage)`);
    }
  }
  return problems;
}

/** Initial faults from SIM_<SLUG>_ERROR_RATE / _LATENCY_MS / _OUTAGE, falling back to SIM_ERROR_RATE etc. */
export function faultsFromEnv(env: NodeJS.ProcessEnv, slug: string): Partial<FaultState> {
  const simulator = slug.toUpperCase().replace(/-/g, '_');
  const read = (name: string) => env[`SIM_${simulator}_${name}`] ?? env[`SIM_${name}`];
  const patch: Record<string, unknown> = {};
  const errorRate = read('ERROR_RATE');
  const latencyMs = read('LATENCY_MS');
  const outage = read('OUTAGE');
  if (errorRate !== undefined && errorRate !== '') patch.errorRate = Number(errorRate);
  if (latencyMs !== undefined && latencyMs !== '') patch.latencyMs = Number(latencyMs);
  if (outage !== undefined && outage !== '') patch.outage = ['1', 'true', 'yes'].includes(outage.toLowerCase());
  const problems = faultPatchProblems(patch);
  if (problems.length) throw new Error(`Simulator ${slug}: bad fault variables: ${problems.join('; ')}`);
  return patch as Partial<FaultState>;
}

export function faultInjection(initial: Partial<FaultState> = {}): express.Router {
  const problems = faultPatchProblems(initial);
  if (problems.length) throw new Error(`Bad initial faults: ${problems.join('; ')}`);
  let state: FaultState = { ...NO_FAULTS, ...initial };
  /** Requests held back by the latency, each with what lets it through. */
  const delayed = new Map<NodeJS.Timeout, () => void>();
  const router = express.Router();

  router.get('/_faults', (_req, res) => {
    res.json(state);
  });
  router.get('/_faults/waiting', (_req, res) => {
    res.json({ waiting: delayed.size });
  });
  router.post('/_faults', express.json(), (req, res) => {
    const patchProblems = faultPatchProblems(req.body);
    if (patchProblems.length) {
      res.status(400).json(
        errorBody(
          'invalid_faults',
          'The fault patch is not valid.',
          patchProblems.map((message) => ({ code: 'invalid', message })),
        ),
      );
      return;
    }
    state = { ...state, ...(req.body as Partial<FaultState>) };
    res.json(state);
  });
  router.delete('/_faults', (_req, res) => {
    state = { ...NO_FAULTS };
    for (const [timer, release] of [...delayed]) {
      clearTimeout(timer);
      delayed.delete(timer);
      release();
    }
    res.json(state);
  });

  router.use((req: Request, res: Response, next: NextFunction) => {
    const inject = () => {
      if (req.path === '/healthz') return next();
      if (state.outage) {
        res.status(503).json(errorBody('outage', 'The system is down (simulated outage).'));
      } else if (state.errorRate > 0 && Math.random() < state.errorRate) {
        res.status(503).json(errorBody('injected_error', `Temporarily unavailable (simulated error rate ${state.errorRate}).`));
      } else {
        next();
      }
    };
    if (state.latencyMs > 0) {
      const timer = setTimeout(() => {
        delayed.delete(timer);
        inject();
      }, state.latencyMs);
      delayed.set(timer, inject);
    } else inject();
  });
  return router;
}
