// payments.statement_id says which imported statement booked a payment. It is written only by the import, in the
// transaction that inserts that bank_statements row, and statements are never deleted: the foreign key proved
// nothing that could go wrong, while its check cost about 5 µs for every payment booked (7 % of an import's
// database time, scripts/bench/billing.ts).
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query('ALTER TABLE payments DROP CONSTRAINT IF EXISTS payments_statement_id_fkey');
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(
    'ALTER TABLE payments ADD CONSTRAINT payments_statement_id_fkey FOREIGN KEY (statement_id) REFERENCES bank_statements(id)',
  );
}
