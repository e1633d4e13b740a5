// Acting for someone (issue 16 §3). A delegation says what its holder may do: follow (`view`) or also act (`act`,
// what every earlier delegation allowed). A citizen may ask someone for a delegation (`delegation_requests`); the
// person asked accepts (a delegation is registered) or declines. A board member who represents a company only
// jointly needs the other members' confirmation (`representation_confirmations`); the enterprise register itself
// is read at each request, never copied here.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    ALTER TABLE delegations ADD COLUMN rights text NOT NULL DEFAULT 'act' CHECK (rights IN ('view', 'act'));

    CREATE TABLE delegation_requests (
      id uuid PRIMARY KEY,
      requester_type text NOT NULL CHECK (requester_type = 'natural'),
      requester_id text NOT NULL,
      requester_name text NOT NULL,
      principal_type text NOT NULL CHECK (principal_type = 'natural'),
      principal_id text NOT NULL,
      principal_name text NOT NULL,
      scope text NOT NULL CHECK (scope IN ('all', 'eservices')),
      eservice_ids text[] NOT NULL DEFAULT '{}',
      rights text NOT NULL CHECK (rights IN ('view', 'act')),
      valid_from date NOT NULL,
      valid_until date,
      message text,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
      decided_at timestamptz,
      delegation_id uuid REFERENCES delegations(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((scope = 'eservices') = (cardinality(eservice_ids) > 0)),
      CHECK (valid_until IS NULL OR valid_until >= valid_from),
      CHECK ((status = 'accepted') = (delegation_id IS NOT NULL))
    );
    CREATE INDEX delegation_requests_principal_idx ON delegation_requests (principal_type, principal_id);
    CREATE INDEX delegation_requests_requester_idx ON delegation_requests (requester_type, requester_id);

    CREATE TABLE representation_confirmations (
      id uuid PRIMARY KEY,
      company_reg_no text NOT NULL,
      company_name text NOT NULL,
      requester_id text NOT NULL,
      requester_name text NOT NULL,
      confirmed_by text[] NOT NULL DEFAULT '{}',
      declined_by text,
      valid_until date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      revoked_by text
    );
    CREATE INDEX representation_confirmations_company_idx ON representation_confirmations (company_reg_no, requester_id);
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    DROP TABLE IF EXISTS representation_confirmations, delegation_requests;
    ALTER TABLE delegations DROP COLUMN IF EXISTS rights;
  `);
}
