// Who may read /metrics. Metrics name routes, their traffic and the process's internals: in production they are
// for the monitoring system only, which sends `Authorization: Bearer <METRICS_TOKEN>`. Without METRICS_TOKEN a
// production node does not serve them at all; outside production they stay open unless a token is configured.
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { PlatformConfig } from '../../forms/config';
import { ApiError, errorBody } from './errors';

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export function metricsAccess(config: Pick<PlatformConfig, 'env' | 'metricsToken'>): RequestHandler {
  const token = config.metricsToken;
  return (req, res, next) => {
    if (!token) {
      if (config.env !== 'production') {
        next();
        return;
      }
      res.status(404).json(errorBody('route_not_found', `No route ${req.method} ${req.path}.`));
      return;
    }
    const header = req.headers.authorization ?? '';
    if (header.startsWith('Bearer ') && sameSecret(header.slice(7), token)) {
      next();
      return;
    }
    next(
      new ApiError(401, 'unauthenticated', 'The metrics need the monitoring bearer token.', [], {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      }),
    );
  };
}
