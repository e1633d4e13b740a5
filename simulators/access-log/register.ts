// What a register simulator with an access log adds: its demo and test routes, and the push to the platform.
//   GET  /_access-log   → { records, unsent }          (for demos and tests)
//   POST /_access-log   → 201 the record added          (another institution's read, as a demo or test makes one)
import type express from 'express';
import { errorBody } from '../faults';
import type { RunningSimulator, SimulatorOptions } from '../app';
import type { AccessLog, AccessLogRecord } from './log';
import { startAccessLogPush, type AccessLogPushOptions } from './push';

export interface RegisterSimulatorOptions extends SimulatorOptions {
  /** Where and as whom the register pushes its access log; without it the log is only kept. */
  accessLogPush?: AccessLogPushOptions;
}

const CODE = /^[0-9]{11}$/;

/** The log's demo and test routes on a register simulator. */
export function mountAccessLogRoutes(app: express.Express, log: AccessLog): void {
  app.get('/_access-log', (_req, res) => {
    res.json({ records: log.all(), unsent: log.unsent(Number.MAX_SAFE_INTEGER).length });
  });
  app.post('/_access-log', (req, res) => {
    const body = req.body as Partial<AccessLogRecord> | undefined;
    if (
      !body ||
      typeof body.subject !== 'string' ||
      !CODE.test(body.subject) ||
      !body.agency ||
      !body.role ||
      !body.data ||
      !body.purpose
    ) {
      res.status(400).json(errorBody('invalid_record', 'Give subject (11 digits), agency, role, data, purpose and legalBasis.'));
      return;
    }
    const record = log.add({ ...(body as AccessLogRecord), at: body.at ?? new Date().toISOString() });
    res.status(201).json(record);
  });
}

/** Starts pushing the log (when configured); closing the simulator stops it. */
export function withAccessLogPush(running: RunningSimulator, log: AccessLog, opts: RegisterSimulatorOptions): RunningSimulator {
  if (!opts.accessLogPush) return running;
  const push = startAccessLogPush(log, opts.accessLogPush);
  return {
    url: running.url,
    async close() {
      push.stop();
      await running.close();
    },
  };
}
