// Catalogue entries for tests: a description written as the catalogue writes a version (service row, catalogue
// entry with latest_version bumped, version row) and published in the same transaction, or withdrawn.
import { stack } from '../setup';
import { inTransaction } from '../../db/transaction';
import { publishVersion, withdrawService } from '../../db/catalog/read-model';
import type { ServiceDescription } from '../../db/catalog/description';

export async function publishDescription(d: ServiceDescription, version: number, author = { id: 'test', name: 'Test' }): Promise<void> {
  await inTransaction(stack.db.pool, async (client) => {
    await client.query(
      `INSERT INTO services (id, agency_id, title_lv, title_en, channels) VALUES ($1, 'pmlp', $2, $3, '{other}') ON CONFLICT (id) DO NOTHING`,
      [d.id, d.title.lv, d.title.en],
    );
    await client.query(
      `INSERT INTO catalog_services (service_id, agency_id, latest_version, review_by) VALUES ($1, 'pmlp', $2, current_date + 365)
      ON CONFLICT (service_id) DO UPDATE SET latest_version = EXCLUDED.latest_version`,
      [d.id, version],
    );
    await client.query(
      `INSERT INTO catalog_service_versions (service_id, version, document, stage, author_id, author_name)
      VALUES ($1, $2, $3, 'catalogue_review', $4, $5)`,
      [d.id, version, JSON.stringify(d), author.id, author.name],
    );
    await publishVersion(client, d.id, version);
  });
}

export async function withdrawDescription(serviceId: string): Promise<void> {
  await inTransaction(stack.db.pool, (client) => withdrawService(client, serviceId, { id: 'test', name: 'Test' }, 'test'));
}
