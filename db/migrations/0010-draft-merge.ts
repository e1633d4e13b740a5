// Co-browse autosave merges edits into the saved draft inside PostgreSQL (api/assist/autosave.ts): the API sends
// only each field's newest value and version, never the whole draft there and back. The semantics are those of
// setPointer (forms/eservice-definition/expressions.ts) and of the field versions: an edit is applied only if its
// version is newer than the one saved for its field; a missing or non-object step on the way becomes an object.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE FUNCTION draft_set_pointer(data jsonb, pointer text, value jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      keys text[] := string_to_array(substr(pointer, 2), '/');
      n int := coalesce(cardinality(keys), 0);
      nodes jsonb[];
      result jsonb;
    BEGIN
      IF n = 0 THEN RETURN data; END IF;
      FOR i IN 1..n LOOP keys[i] := replace(replace(keys[i], '~1', '/'), '~0', '~'); END LOOP;
      nodes[1] := CASE WHEN jsonb_typeof(data) = 'object' THEN data ELSE '{}'::jsonb END;
      FOR i IN 1..n - 1 LOOP
        nodes[i + 1] := CASE WHEN jsonb_typeof(nodes[i] -> keys[i]) = 'object' THEN nodes[i] -> keys[i] ELSE '{}'::jsonb END;
      END LOOP;
      result := value;
      FOR i IN REVERSE n..1 LOOP result := nodes[i] || jsonb_build_object(keys[i], result); END LOOP;
      RETURN result;
    END $$;

    -- edits: [[pointer, value, version], ...] in the order they were made.
    CREATE FUNCTION draft_merge(saved jsonb, saved_versions jsonb, edits jsonb, OUT data jsonb, OUT versions jsonb)
    LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      edit jsonb;
    BEGIN
      data := saved;
      versions := saved_versions;
      FOR edit IN SELECT * FROM jsonb_array_elements(edits) LOOP
        IF coalesce((versions ->> (edit ->> 0))::int, 0) < (edit ->> 2)::int THEN
          data := draft_set_pointer(data, edit ->> 0, edit -> 1);
          versions := versions || jsonb_build_object(edit ->> 0, (edit ->> 2)::int);
        END IF;
      END LOOP;
    END $$;

    -- Whether any of the edits is newer than the saved version of its field (else the draft is left as it is).
    CREATE FUNCTION draft_edits_newer(versions jsonb, edits jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$
      SELECT EXISTS (SELECT 1 FROM jsonb_array_elements(edits) AS edit
                      WHERE coalesce((versions ->> (edit ->> 0))::int, 0) < (edit ->> 2)::int)
    $$;
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    DROP FUNCTION IF EXISTS draft_edits_newer(jsonb, jsonb);
    DROP FUNCTION IF EXISTS draft_merge(jsonb, jsonb, jsonb);
    DROP FUNCTION IF EXISTS draft_set_pointer(jsonb, text, jsonb);
  `);
}
