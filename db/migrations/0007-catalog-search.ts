// The public search filters by thematic area and business event as well; without their own indexes those filters
// scan every published service.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE INDEX IF NOT EXISTS catalog_published_thematic_areas ON catalog_published USING gin (thematic_areas);
    CREATE INDEX IF NOT EXISTS catalog_published_business_events ON catalog_published USING gin (business_events);
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query('DROP INDEX IF EXISTS catalog_published_thematic_areas, catalog_published_business_events');
}
