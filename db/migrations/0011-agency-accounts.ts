// Money that cannot be misdirected or counted twice (issue 13):
//   agency_accounts  an agency's collection accounts as reference data, kept by a platform administrator. An invoice
//                    names only an active account of its own agency; a statement is imported (and read) only by the
//                    agency owning its account. An IBAN belongs to one agency for good (it is the primary key), so a
//                    deactivated account's history stays with its agency.
//   online_payments  at most one payment in flight (initiated) per invoice, enforced by a unique partial index;
//                    one left at the bank page long enough is 'expired' when the next one starts.
//   suspense_entries also holds the surplus of online, counter and suspense bookings (no statement then) and credits
//                    of a debit entry (conflicting_direction), each with its source.
//   invoices         amount_paid never exceeds the total: what was booked beyond it before is moved to suspense.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE agency_accounts (
      iban text PRIMARY KEY CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
      bic text CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
      agency_id text NOT NULL REFERENCES agencies(id),
      name text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      deactivated_by text,
      deactivated_at timestamptz
    );
    CREATE INDEX agency_accounts_agency_idx ON agency_accounts (agency_id);
    INSERT INTO agency_accounts (iban, bic, agency_id, name, created_by)
      SELECT creditor_iban, creditor_bic, id, name_lv, 'migration:0011' FROM agencies
      WHERE creditor_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$' AND (creditor_bic IS NULL OR creditor_bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$')
      ON CONFLICT (iban) DO NOTHING;

    ALTER TABLE online_payments DROP CONSTRAINT online_payments_status_check,
      ADD CONSTRAINT online_payments_status_check CHECK (status IN ('initiated','succeeded','failed','expired'));
    UPDATE online_payments o SET status = 'expired', completed_at = now()
      WHERE o.status = 'initiated' AND EXISTS (
        SELECT 1 FROM online_payments n WHERE n.invoice_id = o.invoice_id AND n.status = 'initiated' AND (n.created_at, n.id) > (o.created_at, o.id));
    CREATE UNIQUE INDEX online_payments_one_in_flight ON online_payments (invoice_id) WHERE status = 'initiated';

    ALTER TABLE suspense_entries ALTER COLUMN statement_id DROP NOT NULL,
      ADD COLUMN source text NOT NULL DEFAULT 'bank_statement' CHECK (source IN ('bank_statement','online','counter','suspense','migration')),
      DROP CONSTRAINT suspense_entries_reason_check,
      ADD CONSTRAINT suspense_entries_reason_check
        CHECK (reason IN ('unknown_reference','no_reference','overpayment','cancelled_invoice','currency','conflicting_direction'));

    INSERT INTO suspense_entries (id, statement_id, source_ref, agency_id, reason, amount, currency, reference, booked_at, source, note)
      SELECT gen_random_uuid(), NULL, 'overpaid-before-0011:' || id, agency_id, 'overpayment', amount_paid - total, 'EUR', payment_reference,
        COALESCE(last_paid_at, now()), 'migration', 'booked onto the invoice beyond its total before migration 0011'
      FROM invoices WHERE amount_paid > total;
    UPDATE invoices SET amount_paid = total WHERE amount_paid > total;
    ALTER TABLE invoices ADD CONSTRAINT invoices_paid_within_total CHECK (amount_paid >= 0 AND amount_paid <= total);
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    ALTER TABLE invoices DROP CONSTRAINT IF EXISTS invoices_paid_within_total;
    DELETE FROM suspense_entries WHERE source <> 'bank_statement';
    ALTER TABLE suspense_entries DROP CONSTRAINT suspense_entries_reason_check,
      ADD CONSTRAINT suspense_entries_reason_check CHECK (reason IN ('unknown_reference','no_reference','overpayment','cancelled_invoice','currency')),
      DROP COLUMN source, ALTER COLUMN statement_id SET NOT NULL;
    DROP INDEX IF EXISTS online_payments_one_in_flight;
    UPDATE online_payments SET status = 'failed' WHERE status = 'expired';
    ALTER TABLE online_payments DROP CONSTRAINT online_payments_status_check,
      ADD CONSTRAINT online_payments_status_check CHECK (status IN ('initiated','succeeded','failed'));
    DROP TABLE IF EXISTS agency_accounts;
  `);
}
