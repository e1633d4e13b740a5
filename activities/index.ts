// Every activity the worker offers, built from injected dependencies and registered explicitly.
import type { Pool } from 'pg';
import { createCaseImportActivities } from './case-import';
import { createApplicationActivities } from './application';
import { createInvoiceActivities } from './invoice';
import { createCatalogActivities } from './catalog';
import { createCasePartitionActivities } from './case-partitions';
import type { Adapters } from './adapters';
import type { PrivateNetworkAllowance } from './adapters/outbound-address';
import { refusalsAreFinal } from './refusals';
import type { SealStore } from './documents/seal/seal-store';

export interface ActivityDeps {
  pool: Pool;
  adapters: Adapters;
  /** The agencies' electronic seals for issued documents (activities/documents/seal/seal-store.ts). */
  seals: SealStore;
  /** Where the portal is reachable from outside (PUBLIC_URL), for links in webhook payloads. */
  publicBaseUrl?: string;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: whether webhook deliveries may reach loopback (tests); off by default. */
  webhookAllowPrivateNetworks?: PrivateNetworkAllowance;
}

export function createActivities(deps: ActivityDeps) {
  // One wrapper for all: a business refusal inside any activity is final (activities/refusals.ts).
  return refusalsAreFinal({
    ...createCaseImportActivities({ pool: deps.pool }),
    ...createCasePartitionActivities({ pool: deps.pool }),
    ...createApplicationActivities({ pool: deps.pool, adapters: deps.adapters, seals: deps.seals }),
    ...createInvoiceActivities({ pool: deps.pool, adapters: deps.adapters }),
    ...createCatalogActivities({
      pool: deps.pool,
      publicBaseUrl: deps.publicBaseUrl ?? 'http://localhost:3000',
      webhookAllowPrivateNetworks: deps.webhookAllowPrivateNetworks ?? 'off',
    }),
  });
}
