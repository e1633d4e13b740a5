// The public service catalogue: CPSV-AP service descriptions as immutable versions with their review trail, the
// published read model the public API searches, the taxonomy the descriptions use, the change feed and webhooks for
// external portals, and reminders to staff (review due, overdue).
import type { Sequelize } from 'sequelize';

const SCHEMES = `'thematic-area','life-event','business-event','channel'`;
const STAGES = `'draft','agency_review','catalogue_review','returned','published','superseded','withdrawn'`;

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE EXTENSION IF NOT EXISTS unaccent;
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    -- Lower case without diacritics ("Dzīvesvieta" → "dzivesvieta"); IMMUTABLE so it can be indexed.
    CREATE FUNCTION catalog_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

    CREATE TABLE taxonomy_concepts (
      scheme text NOT NULL CHECK (scheme IN (${SCHEMES})),
      code text NOT NULL CHECK (code ~ '^[a-z0-9]+([-_][a-z0-9]+)*$'),
      label_lv text NOT NULL,
      label_en text NOT NULL,
      PRIMARY KEY (scheme, code)
    );

    CREATE TABLE catalog_services (
      service_id text PRIMARY KEY REFERENCES services(id),
      agency_id text NOT NULL REFERENCES agencies(id),
      latest_version integer NOT NULL,
      published_version integer,
      review_by date NOT NULL,
      reviewed_at timestamptz,
      reviewed_by text,
      withdrawn_at timestamptz,
      withdrawn_by text,
      withdrawal_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX catalog_services_agency_idx ON catalog_services (agency_id);
    CREATE INDEX catalog_services_review_by_idx ON catalog_services (review_by) WHERE withdrawn_at IS NULL;

    CREATE TABLE catalog_service_versions (
      service_id text NOT NULL REFERENCES catalog_services(service_id),
      version integer NOT NULL CHECK (version > 0),
      document jsonb NOT NULL,
      stage text NOT NULL CHECK (stage IN (${STAGES})),
      author_id text NOT NULL,
      author_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      submitted_at timestamptz,
      published_at timestamptz,
      PRIMARY KEY (service_id, version)
    );
    -- A version's content never changes once written: a change is a new version.
    CREATE FUNCTION catalog_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.document IS DISTINCT FROM OLD.document OR NEW.author_id IS DISTINCT FROM OLD.author_id
         OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'catalogue service versions are immutable' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER catalog_versions_immutable BEFORE UPDATE ON catalog_service_versions
      FOR EACH ROW EXECUTE FUNCTION catalog_versions_immutable();

    CREATE TABLE catalog_review_events (
      id bigserial PRIMARY KEY,
      service_id text NOT NULL REFERENCES catalog_services(service_id),
      version integer NOT NULL,
      action text NOT NULL CHECK (action IN ('created','changed','submitted','approved','returned','published','withdrawn','reviewed')),
      step text CHECK (step IN ('author','agency','catalogue')),
      actor_id text NOT NULL,
      actor_name text NOT NULL,
      comment text,
      at timestamptz NOT NULL DEFAULT now(),
      -- The publication workflow writes each decision once, even when its activity is retried.
      idempotency_key text UNIQUE
    );
    CREATE INDEX catalog_review_events_service_idx ON catalog_review_events (service_id, id);

    -- The public read model: one row per published, not withdrawn service.
    CREATE TABLE catalog_published (
      service_id text PRIMARY KEY REFERENCES catalog_services(service_id),
      agency_id text NOT NULL REFERENCES agencies(id),
      version integer NOT NULL,
      document jsonb NOT NULL,
      title_lv text NOT NULL,
      title_en text NOT NULL,
      title_fold text NOT NULL,
      search_fold text NOT NULL,
      life_events text[] NOT NULL,
      business_events text[] NOT NULL,
      thematic_areas text[] NOT NULL,
      channels text[] NOT NULL,
      municipalities text[] NOT NULL,
      published_at timestamptz NOT NULL,
      etag text NOT NULL
    );
    CREATE INDEX catalog_published_title_trgm ON catalog_published USING gin (title_fold gin_trgm_ops);
    CREATE INDEX catalog_published_search_trgm ON catalog_published USING gin (search_fold gin_trgm_ops);
    CREATE INDEX catalog_published_life_events ON catalog_published USING gin (life_events);
    CREATE INDEX catalog_published_channels ON catalog_published USING gin (channels);
    CREATE INDEX catalog_published_municipalities ON catalog_published USING gin (municipalities);
    CREATE INDEX catalog_published_agency ON catalog_published (agency_id);

    -- The change feed for republication: every publication and withdrawal, in order.
    CREATE TABLE catalog_changes (
      seq bigserial PRIMARY KEY,
      service_id text NOT NULL REFERENCES catalog_services(service_id),
      version integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('published','withdrawn')),
      at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (service_id, version, kind)
    );

    CREATE TABLE catalog_webhooks (
      id uuid PRIMARY KEY,
      owner_id text NOT NULL,
      owner_name text NOT NULL,
      url text NOT NULL,
      secret text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE catalog_webhook_deliveries (
      webhook_id uuid NOT NULL REFERENCES catalog_webhooks(id),
      change_seq bigint NOT NULL REFERENCES catalog_changes(seq),
      status text NOT NULL CHECK (status IN ('pending','delivered','failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_status integer,
      last_error text,
      delivered_at timestamptz,
      PRIMARY KEY (webhook_id, change_seq)
    );

    -- Reminders to staff: an agency's catalogue owners and approvers, or the catalogue administrators.
    CREATE TABLE staff_reminders (
      id text PRIMARY KEY,
      audience text NOT NULL CHECK (audience IN ('agency-admin','agency-approver','catalogue-admin')),
      agency_id text REFERENCES agencies(id),
      service_id text REFERENCES catalog_services(service_id),
      kind text NOT NULL,
      subject_lv text NOT NULL,
      subject_en text NOT NULL,
      body_lv text NOT NULL,
      body_en text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    );
    CREATE INDEX staff_reminders_audience_idx ON staff_reminders (audience, agency_id, created_at DESC);
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    DROP TABLE IF EXISTS staff_reminders, catalog_webhook_deliveries, catalog_webhooks, catalog_changes, catalog_published,
      catalog_review_events, catalog_service_versions, catalog_services, taxonomy_concepts CASCADE;
    DROP FUNCTION IF EXISTS catalog_versions_immutable(), catalog_fold(text);
  `);
}
