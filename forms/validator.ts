// The one way the platform builds a JSON Schema validator (ajv, JSON Schema 2020-12): the platform's formats and
// every schema in forms/ known by its $id, so API bodies, e-service definitions, agency forms, adapter options and the
// configuration are checked by the same rules. The few settings that must differ are options of createValidator.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import type { SchemaName } from './types/schema-names';
import configSchema from './config.schema.json';
import definitionSchema from './eservice-definition/v1.schema.json';

export const API_SCHEMA_DIR = path.resolve(__dirname, 'api');
export const API_SCHEMA_BASE = 'https://sdp.gov.lv/schemas/api/';
export const CONFIG_SCHEMA_ID = configSchema.$id;
export const DEFINITION_SCHEMA_ID = definitionSchema.$id;

function loadApiSchemas(): Record<SchemaName, Record<string, unknown>> {
  const schemas = {} as Record<SchemaName, Record<string, unknown>>;
  for (const file of fs.readdirSync(API_SCHEMA_DIR).sort()) {
    if (!file.endsWith('.schema.json')) continue;
    schemas[file.replace(/\.schema\.json$/, '') as SchemaName] = JSON.parse(fs.readFileSync(path.join(API_SCHEMA_DIR, file), 'utf8'));
  }
  return schemas;
}

/** The API schemas by name (file name without .schema.json), in name order. */
export const apiSchemas = loadApiSchemas();

// RFC 3339 allows a leap second (23:59:60), which JavaScript cannot parse, and year 0000, which PostgreSQL cannot
// store: such times are refused here as a bad format instead of failing later as a 500.
const rfc3339 = fullFormats['date-time'] as { validate: (s: string) => boolean; compare: (a: string, b: string) => number | undefined };
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
function isStorableDateTime(s: string): boolean {
  if (!rfc3339.validate(s)) return false;
  const t = Date.parse(s);
  return Number.isFinite(t) && t >= EARLIEST;
}

export interface ValidatorOptions {
  /** Unknown keywords and loose types are errors (our own schemas); false for schemas agencies write. */
  strict: boolean;
  /** Fill in `default`s of the schema into the value validated. */
  useDefaults: boolean;
  /** Query strings are text: "limit=5" must validate as an integer. Only for query parameters. */
  coerceTypes?: boolean;
  /** 19.99 / 0.01 is 1998.9999999999998 in floating point: with a precision, prices with cents pass multipleOf 0.01. */
  multipleOfPrecision?: number;
  /** Which of the platform's schemas the validator knows by $id (each is checked against the meta-schema when added,
   * so a validator that needs none of the API schemas should not pay for them). Default: all. */
  schemas?: ReadonlyArray<'api' | 'config' | 'definition'>;
}

/** A new ajv with the platform's formats, the x-environment keyword of the config schema, and the forms/ schemas asked for. */
export function createValidator({ schemas = ['api', 'config', 'definition'], ...options }: ValidatorOptions): Ajv2020 {
  // allErrors: every problem of a value is reported at once, not only the first. discriminator: a `oneOf` chosen by a
  // tag (the DSL's step `kind`) is checked against the one branch the tag names, so its errors are that branch's only.
  const ajv = new Ajv2020({ allErrors: true, discriminator: true, ...options });
  addFormats(ajv);
  ajv.addFormat('date-time', { type: 'string', validate: isStorableDateTime, compare: rfc3339.compare });
  // ajv-formats also takes "urn:uuid:…", which PostgreSQL's uuid type does not: only the canonical form passes.
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addKeyword('x-environment'); // the inventory of variables in config.schema.json, read by forms/environment.ts
  if (schemas.includes('api')) for (const schema of Object.values(apiSchemas)) ajv.addSchema(schema);
  if (schemas.includes('config')) ajv.addSchema(configSchema);
  if (schemas.includes('definition')) ajv.addSchema(definitionSchema);
  return ajv;
}
