// The Prometheus registry /metrics serves (api/platform/app.ts), and the counters that route code increments.
import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

/** Sign-ins by way in (provider: national, dev), method (eparaksts-mobile, eid-card, bank, persona) and outcome. */
export const signIns = new client.Counter({
  name: 'sign_ins_total',
  help: 'Sign-ins by provider, method and outcome (success, denied, expired, failed, unavailable)',
  labelNames: ['provider', 'method', 'outcome'] as const,
  registers: [registry],
});
