// Invoices with platform-wide ISO 11649 payment references, their lines, payments from every source (bank
// statements, online payments, the counter), imported statements and the suspense list of unmatched entries.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    ALTER TABLE agencies ADD COLUMN creditor_iban text, ADD COLUMN creditor_bic text;
    CREATE SEQUENCE payment_reference_seq START 10000001;
    CREATE TABLE invoices (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      agency_id text NOT NULL REFERENCES agencies(id),
      idempotency_key text NOT NULL,
      payment_reference text NOT NULL UNIQUE,
      payer_type text NOT NULL CHECK (payer_type IN ('natural','legal','eidas')),
      payer_id text NOT NULL,
      payer_name text NOT NULL,
      payer_address text,
      currency text NOT NULL CHECK (currency = 'EUR'),
      creditor_iban text NOT NULL,
      creditor_bic text,
      creditor_name text NOT NULL,
      issue_date date NOT NULL,
      due_date date NOT NULL,
      total_net numeric(14,2) NOT NULL,
      total_vat numeric(14,2) NOT NULL,
      total numeric(14,2) NOT NULL CHECK (total > 0),
      amount_paid numeric(14,2) NOT NULL DEFAULT 0,
      status text NOT NULL CHECK (status IN ('issued','partly_paid','paid','overdue','cancelled')),
      case_id text REFERENCES cases(id),
      payment_request_id text,
      last_paid_at timestamptz,
      cancelled_at timestamptz,
      cancel_reason text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT invoices_agency_idempotency_key UNIQUE (agency_id, idempotency_key)
    );
    CREATE INDEX invoices_payer_idx ON invoices (payer_type, payer_id);
    CREATE INDEX invoices_open_idx ON invoices (status) WHERE status IN ('issued','partly_paid','overdue');
    CREATE TABLE invoice_lines (
      invoice_id uuid NOT NULL REFERENCES invoices(id),
      line_no integer NOT NULL,
      description text NOT NULL,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      unit_price numeric(14,2) NOT NULL CHECK (unit_price >= 0),
      vat_category text NOT NULL CHECK (vat_category IN ('S','Z','E','O','AE')),
      vat_rate numeric(5,2) NOT NULL,
      vat_exemption_reason text,
      net numeric(14,2) NOT NULL,
      vat numeric(14,2) NOT NULL,
      PRIMARY KEY (invoice_id, line_no)
    );
    CREATE TABLE bank_statements (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('camt.053','camt.054')),
      message_id text NOT NULL,
      account_iban text,
      sha256 text NOT NULL UNIQUE,
      entry_count integer NOT NULL,
      matched_count integer NOT NULL DEFAULT 0,
      suspense_count integer NOT NULL DEFAULT 0,
      duplicate_count integer NOT NULL DEFAULT 0,
      imported_by text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE payments (
      id uuid PRIMARY KEY,
      invoice_id uuid REFERENCES invoices(id),
      source text NOT NULL CHECK (source IN ('bank_statement','online','counter','suspense')),
      source_ref text NOT NULL UNIQUE,
      amount numeric(14,2) NOT NULL CHECK (amount > 0),
      currency text NOT NULL,
      booked_at timestamptz NOT NULL,
      payer_name text,
      statement_id uuid REFERENCES bank_statements(id),
      recorded_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX payments_invoice_idx ON payments (invoice_id);
    CREATE TABLE suspense_entries (
      id uuid PRIMARY KEY,
      statement_id uuid NOT NULL REFERENCES bank_statements(id),
      source_ref text NOT NULL UNIQUE,
      agency_id text REFERENCES agencies(id),
      reason text NOT NULL CHECK (reason IN ('unknown_reference','no_reference','overpayment','cancelled_invoice','currency')),
      amount numeric(14,2) NOT NULL,
      currency text NOT NULL,
      reference text,
      remittance text,
      debtor_name text,
      booked_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved','refunded')),
      resolved_invoice_id uuid REFERENCES invoices(id),
      resolved_by text,
      resolved_at timestamptz,
      note text
    );
    CREATE TABLE online_payments (
      id uuid PRIMARY KEY,
      invoice_id uuid NOT NULL REFERENCES invoices(id),
      amount numeric(14,2) NOT NULL,
      status text NOT NULL CHECK (status IN ('initiated','succeeded','failed')),
      provider_txn_id text UNIQUE,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz
    );
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    DROP TABLE IF EXISTS online_payments, suspense_entries, payments, bank_statements, invoice_lines, invoices CASCADE;
    DROP SEQUENCE IF EXISTS payment_reference_seq;
    ALTER TABLE agencies DROP COLUMN IF EXISTS creditor_iban, DROP COLUMN IF EXISTS creditor_bic;
  `);
}
