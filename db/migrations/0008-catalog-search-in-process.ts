// The public search is answered from an index kept in each API process (api/catalog/search-index.ts), so the read
// model's trigram and array indexes, which only the SQL search used, would only slow every publication down.
import type { Sequelize } from 'sequelize';

const SEARCH_INDEXES = [
  'catalog_published_title_trgm',
  'catalog_published_search_trgm',
  'catalog_published_life_events',
  'catalog_published_channels',
  'catalog_published_municipalities',
  'catalog_published_thematic_areas',
  'catalog_published_business_events',
];

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`DROP INDEX IF EXISTS ${SEARCH_INDEXES.join(', ')}`);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE INDEX IF NOT EXISTS catalog_published_title_trgm ON catalog_published USING gin (title_fold gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS catalog_published_search_trgm ON catalog_published USING gin (search_fold gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS catalog_published_life_events ON catalog_published USING gin (life_events);
    CREATE INDEX IF NOT EXISTS catalog_published_channels ON catalog_published USING gin (channels);
    CREATE INDEX IF NOT EXISTS catalog_published_municipalities ON catalog_published USING gin (municipalities);
    CREATE INDEX IF NOT EXISTS catalog_published_thematic_areas ON catalog_published USING gin (thematic_areas);
    CREATE INDEX IF NOT EXISTS catalog_published_business_events ON catalog_published USING gin (business_events);
  `);
}
