// The Express application: security headers, request ids and logs, metrics, the declared routes, the OpenAPI
// document and its browser, and the one error handler.
import crypto from 'node:crypto';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import client from 'prom-client';
import { registry } from './metrics';
import { methodNotAllowedHandler, mountRoutes, type RouteSpec } from './routing';
import { errorHandler, notFoundHandler } from './errors';
import { metricsAccess } from './metrics-access';
import { createRateLimiters, deploymentKeyPrefix } from './rate-limits';
import { temporalErrorMapper } from './temporal-errors';
import { buildOpenApi } from './openapi';
import type { AppDeps } from './deps';
import { healthRoutes } from './health';
import { authRoutes } from './auth/routes';
import { nationalSignInRoutes } from './auth/national-sign-in/routes';
import { eidasSignInRoutes } from './auth/eidas/routes';
import { sessionRoutes } from './auth/session/routes';
import { mountOidcProvider } from './auth/provider';
import { providerRoutes } from './auth/provider/routes';
import { actForRoutes } from './auth/act-for';
import { caseRoutes } from '../cases/routes';
import { consultationRoutes } from '../consultations/routes';
import { caseImportRoutes } from '../case-imports/routes';
import { referenceRoutes } from '../reference/routes';
import { addressRoutes } from '../addresses/routes';
import { eserviceDefinitionRoutes } from '../eservice-definitions/routes';
import { applicationRoutes } from '../applications/routes';
import { taskRoutes } from '../applications/task-routes';
import { applicationFileRoutes } from '../applications/file-routes';
import { assistRoutes } from '../assist/routes';
import { delegationRoutes } from '../delegations/routes';
import { mandateRoutes } from '../delegations/mandate-routes';
import { organisationRoutes } from '../organisations/routes';
import { delegationRequestRoutes } from '../delegations/request-routes';
import { confirmationRoutes } from '../organisations/confirmation-routes';
import { organisationApplicationRoutes } from '../organisations/application-routes';
import { invoiceRoutes } from '../billing/invoice-routes';
import { bankStatementRoutes } from '../billing/statements/routes';
import { agencyAccountRoutes } from '../billing/agency-account-routes';
import { catalogAgencyRoutes } from '../catalog/agency-routes';
import { catalogWebhookRoutes } from '../catalog/webhook-routes';
import { registerDataRoutes } from '../register-data/routes';
import { onlinePaymentRoutes } from '../billing/online-payment-routes';
import { profileRoutes } from '../profile/routes';
import { catalogLinkedDataRoutes } from '../catalog/linked-data-routes';
import { publicCatalogCors, publicCatalogRoutes } from '../catalog/public-routes';
import { dataUseRoutes } from '../data-use/routes';
import { dataExportRoutes } from '../data-export/routes';
import { timelineRoutes } from '../timeline/routes';
import { mountWebUi } from './web-ui';

export const allRoutes: RouteSpec[] = [
  ...healthRoutes,
  ...authRoutes,
  ...nationalSignInRoutes,
  ...eidasSignInRoutes,
  ...sessionRoutes,
  ...providerRoutes,
  ...actForRoutes,
  ...referenceRoutes,
  ...addressRoutes,
  ...caseRoutes,
  ...consultationRoutes,
  ...caseImportRoutes,
  ...eserviceDefinitionRoutes,
  ...applicationRoutes,
  ...taskRoutes,
  ...applicationFileRoutes,
  ...assistRoutes,
  ...invoiceRoutes,
  ...onlinePaymentRoutes,
  ...profileRoutes,
  ...delegationRoutes,
  ...mandateRoutes,
  ...delegationRequestRoutes,
  ...organisationRoutes,
  ...confirmationRoutes,
  ...organisationApplicationRoutes,
  ...bankStatementRoutes,
  ...agencyAccountRoutes,
  ...timelineRoutes,
  ...catalogAgencyRoutes,
  ...catalogWebhookRoutes,
  ...publicCatalogRoutes,
  ...catalogLinkedDataRoutes,
  ...registerDataRoutes,
  ...dataUseRoutes,
  ...dataExportRoutes,
];

// TLS ends at the load balancer in production; locally the platform is plain http on localhost.
const CSP_DIRECTIVES: Record<string, string[] | null> = {
  'script-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'", 'ws:', 'wss:'],
  'upgrade-insecure-requests': null,
};

const httpDuration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  registers: [registry],
});
export const metricsRegistry = registry;

export function createApp(deps: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet({ contentSecurityPolicy: { directives: CSP_DIRECTIVES } }));
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId(req, res) {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use((req, res, next) => {
    const end = httpDuration.startTimer();
    res.on('finish', () =>
      end({ method: req.method, route: (req.route as { path?: string } | undefined)?.path ?? 'unmatched', status: String(res.statusCode) }),
    );
    next();
  });

  app.get('/metrics', metricsAccess(deps.config), (_req, res, next) => {
    registry.metrics().then((text) => res.type(registry.contentType).send(text), next);
  });
  const openapi = buildOpenApi(allRoutes, deps.config.publicUrl);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(DOCS_PAGE);
  });
  app.get('/api/docs/init.js', (_req, res) => {
    res.type('js').send("window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });");
  });
  app.use('/api/docs/assets', express.static(swaggerDir, { index: false }));

  // The OpenID Provider for external portals (PUBLIC_URL/oidc): before any body parser, it reads its own bodies.
  mountOidcProvider(app, deps);
  app.use(publicCatalogCors); // the public catalogue and its widget are for any site (CORS *, cross-origin scripts)
  const router = express.Router();
  mountRoutes(
    router,
    allRoutes,
    deps,
    createRateLimiters(deps.config.rateLimits, { redis: deps.rateLimitRedis, keyPrefix: deploymentKeyPrefix(deps.config.databaseUrl) }),
  );
  app.use(router);
  app.use(methodNotAllowedHandler(allRoutes));
  // The web UI (ui/dist): its page adds only 'unsafe-eval' to this policy, for the form validator (see web-ui.ts).
  mountWebUi(app, CSP_DIRECTIVES);

  app.use(notFoundHandler);
  app.use(temporalErrorMapper);
  app.use(errorHandler);
  return app;
}

const DOCS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Service delivery platform API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;
