// A dataset in one format: the renderer of each dataset and format.
import type { Pool, PoolClient } from 'pg';
import type { LinkOptions } from '../jsonld';
import type { DatasetId, FormatId } from './datasets';
import { locationsCsv, publicServicesCsv, statisticsCsv, taxonomyCsv } from './csv';
import { locationsJsonLd, publicServicesJsonLd, statisticsJsonLd, taxonomyJsonLd } from './jsonld';

type Queryable = Pool | PoolClient;
type Node = Record<string, unknown>;

const RENDERERS: Record<DatasetId, Record<FormatId, (db: Queryable, links: LinkOptions) => Promise<string | Node>>> = {
  'public-services': { csv: publicServicesCsv, jsonld: publicServicesJsonLd },
  'service-statistics': { csv: statisticsCsv, jsonld: statisticsJsonLd },
  'service-locations': { csv: locationsCsv, jsonld: locationsJsonLd },
  taxonomy: { csv: taxonomyCsv, jsonld: taxonomyJsonLd },
};

/** A dataset in one format, as the text to send. */
export async function renderDataset(db: Queryable, id: DatasetId, format: FormatId, links: LinkOptions): Promise<string> {
  const out = await RENDERERS[id][format](db, links);
  return typeof out === 'string' ? out : JSON.stringify(out);
}
