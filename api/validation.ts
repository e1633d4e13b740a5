// Every schema in forms/api is loaded into one ajv instance by its $id; routes refer to schemas by file name.
// The same schemas build the OpenAPI document, so what is validated and what is documented cannot drift apart.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import { validationFailed, type ErrorDetail } from './errors';

export const API_SCHEMA_DIR = path.resolve(__dirname, '../forms/api');
export const API_SCHEMA_BASE = 'https://sdp.gov.lv/schemas/api/';

export type SchemaName = string; // file name without .schema.json, e.g. 'case-create'

function loadSchemas(): Record<SchemaName, Record<string, unknown>> {
  const schemas: Record<SchemaName, Record<string, unknown>> = {};
  for (const file of fs.readdirSync(API_SCHEMA_DIR).sort()) {
    if (!file.endsWith('.schema.json')) continue;
    schemas[file.replace(/\.schema\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(API_SCHEMA_DIR, file), 'utf8'));
  }
  return schemas;
}

export const apiSchemas = loadSchemas();

function makeAjv(coerceTypes: boolean) {
  // multipleOfPrecision: 19.99 / 0.01 is 1998.9999999999998 in floating point; without it prices with cents fail.
  const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes, useDefaults: true, multipleOfPrecision: 9 });
  addFormats(ajv);
  ajv.addFormat('date-time', { type: 'string', validate: isStorableDateTime, compare: rfc3339.compare });
  for (const schema of Object.values(apiSchemas)) ajv.addSchema(schema);
  return ajv;
}

// RFC 3339 allows a leap second (23:59:60), which JavaScript cannot parse, and year 0000, which PostgreSQL cannot
// store: such times are refused here as a bad format instead of failing later as a 500.
const rfc3339 = fullFormats['date-time'] as { validate: (s: string) => boolean; compare: (a: string, b: string) => number | undefined };
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
function isStorableDateTime(s: string): boolean {
  if (!rfc3339.validate(s)) return false;
  const t = Date.parse(s);
  return Number.isFinite(t) && t >= EARLIEST;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000: strings and keys with it are refused at the door (iteratively:
 * bodies may nest deeply).
 */
export function nulCharacters(value: unknown, prefix: string): ErrorDetail[] {
  const found: ErrorDetail[] = [];
  const stack: Array<[unknown, string]> = [[value, prefix]];
  while (stack.length > 0) {
    const [v, at] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (v.includes('\u0000')) found.push({ path: at || '/', code: 'invalid_character', message: 'must not contain the NUL character' });
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const path = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (k.includes('\u0000')) found.push({ path, code: 'invalid_character', message: 'the name must not contain the NUL character' });
        stack.push([child, path]);
      }
    }
  }
  return found;
}

const PER_ITEM: ReadonlySet<SchemaName> = new Set(['case-batch', 'consultation-batch']);

const bodyAjv = makeAjv(false);
const queryAjv = makeAjv(true); // query strings are text: "limit=5" must validate as an integer

const cache = new Map<string, ValidateFunction>();
function validatorFor(name: SchemaName, forQuery: boolean): ValidateFunction {
  const key = `${forQuery ? 'q' : 'b'}:${name}`;
  let fn = cache.get(key);
  if (!fn) {
    const ajv = forQuery ? queryAjv : bodyAjv;
    const found = ajv.getSchema(`${API_SCHEMA_BASE}${name}.schema.json`);
    if (!found) throw new Error(`Unknown schema ${name}`);
    fn = found;
    cache.set(key, fn);
  }
  return fn;
}

export function toDetails(errors: ErrorObject[] | null | undefined, prefix = ''): ErrorDetail[] {
  return (errors ?? []).map((e) => {
    let pathText = prefix + e.instancePath;
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      pathText = `${pathText}/${extra}`;
      message = 'is not a known field';
    } else if (e.keyword === 'required') {
      pathText = `${pathText}/${(e.params as { missingProperty: string }).missingProperty}`;
      message = 'is required';
    } else if (e.keyword === 'enum') {
      message = `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    }
    return { path: pathText || '/', code: e.keyword === 'additionalProperties' ? 'unknown_field' : e.keyword, message };
  });
}

/** Validates and returns the value typed as T, or throws a 400 validation_failed ApiError. */
export function validate<T>(name: SchemaName, value: unknown, opts: { query?: boolean; prefix?: string } = {}): T {
  const fn = validatorFor(name, opts.query ?? false);
  if (!fn(value)) throw validationFailed(toDetails(fn.errors, opts.prefix));
  // Batch items are checked one by one with check(), so that one bad item does not fail the others.
  const nul = PER_ITEM.has(name) ? [] : nulCharacters(value, opts.prefix ?? '');
  if (nul.length > 0) throw validationFailed(nul);
  return value as T;
}

/** Like validate but returns the error details instead of throwing (per-item validation in batches). */
export function check(name: SchemaName, value: unknown, prefix = ''): ErrorDetail[] | null {
  const fn = validatorFor(name, false);
  if (!fn(value)) return toDetails(fn.errors, prefix);
  const nul = nulCharacters(value, prefix);
  return nul.length > 0 ? nul : null;
}
