// Every schema in forms/api is known to the validators by its $id (forms/validator.ts); routes refer to schemas by file name.
// The same schemas build the OpenAPI document, so what is validated and what is documented cannot drift apart.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { API_SCHEMA_BASE, createValidator } from './validator';
import type { SchemaName } from './types/schema-names';
import type { ErrorDetail } from './types/api';

export { API_SCHEMA_DIR, API_SCHEMA_BASE, apiSchemas } from './validator';
export type { SchemaName }; // generated from the file names: a misspelt schema name does not compile

/** A field-level problem: the error shape's errorDetail (forms/api/common.schema.json). */
export type { ErrorDetail };

/** Deeper JSON than this is refused: no form, description or definition nests nearly as deep. */
export const MAX_JSON_DEPTH = 64;

const LONE_SURROGATE = /\p{Surrogate}/u;
// One scan of a string finds either (NUL is the control character it looks for).
// eslint-disable-next-line no-control-regex
const UNSTORABLE_CHARACTER = /[\u0000\p{Surrogate}]/u;

function unstorableString(s: string): string | null {
  if (!UNSTORABLE_CHARACTER.test(s)) return null;
  if (s.includes('\u0000')) return 'must not contain the NUL character';
  // JSON allows "\ud800" alone; PostgreSQL's jsonb and any UTF-8 consumer cannot store it.
  if (LONE_SURROGATE.test(s)) return 'must not contain a lone UTF-16 surrogate';
  return null;
}

/** A JSON pointer, built only for a value that has a problem: a batch of 10,000 clean items builds none. */
const pointer = (prefix: string, keys: readonly string[]) =>
  prefix + keys.map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') || '/';

const tooDeep = (prefix: string, keys: readonly string[]): ErrorDetail => ({
  path: pointer(prefix, keys),
  code: 'too_deep',
  message: `must not nest deeper than ${MAX_JSON_DEPTH} levels`,
});

/**
 * Values PostgreSQL (or any consumer) cannot take are refused at the door, whatever the schema says: strings and
 * keys with U+0000 or a lone UTF-16 surrogate, numbers beyond ±2^53 (not exact in JavaScript; beyond bigint soon
 * after) and nesting deeper than MAX_JSON_DEPTH. The walk never goes deeper than MAX_JSON_DEPTH, so recursion is safe
 * however deep the body; it reports in the order of the former stack walk (an object's key names, then its values
 * last key first).
 */
export function unstorableValues(value: unknown, prefix: string): ErrorDetail[] {
  const found: ErrorDetail[] = [];
  const keys: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const problem = unstorableString(v);
      if (problem) found.push({ path: pointer(prefix, keys), code: 'invalid_character', message: problem });
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER)
        found.push({
          path: pointer(prefix, keys),
          code: 'out_of_range',
          message: `must be between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`,
        });
    } else if (v && typeof v === 'object') {
      if (keys.length >= MAX_JSON_DEPTH) {
        found.push(tooDeep(prefix, keys));
        return;
      }
      const names = Object.keys(v);
      for (const k of names) {
        const problem = unstorableString(k);
        if (problem) found.push({ path: pointer(prefix, [...keys, k]), code: 'invalid_character', message: `the name ${problem}` });
      }
      for (let i = names.length - 1; i >= 0; i -= 1) {
        keys.push(names[i]);
        walk((v as Record<string, unknown>)[names[i]]);
        keys.pop();
      }
    }
  };
  walk(value);
  return found;
}

/** Only the nesting deeper than MAX_JSON_DEPTH of unstorableValues: no string is looked at. */
function tooDeepValues(value: unknown, prefix: string): ErrorDetail[] {
  const found: ErrorDetail[] = [];
  const keys: string[] = [];
  const walk = (v: object): void => {
    if (keys.length >= MAX_JSON_DEPTH) {
      found.push(tooDeep(prefix, keys));
      return;
    }
    const names = Object.keys(v);
    for (let i = names.length - 1; i >= 0; i -= 1) {
      const child = (v as Record<string, unknown>)[names[i]];
      if (child && typeof child === 'object') {
        keys.push(names[i]);
        walk(child);
        keys.pop();
      }
    }
  };
  if (value && typeof value === 'object') walk(value);
  return found;
}

/** @deprecated name kept for callers: the same walk as unstorableValues. */
export const nulCharacters = unstorableValues;

const PER_ITEM: ReadonlySet<SchemaName> = new Set(['case-batch', 'consultation-batch']);

// multipleOfPrecision: 19.99 / 0.01 is 1998.9999999999998 in floating point; without it prices with cents fail.
const bodyAjv = createValidator({ strict: true, useDefaults: true, multipleOfPrecision: 9 });
const queryAjv = createValidator({ strict: true, useDefaults: true, multipleOfPrecision: 9, coerceTypes: true });

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
    let code = e.keyword === 'additionalProperties' ? 'unknown_field' : e.keyword;
    if (e.keyword === 'discriminator') {
      // A oneOf chosen by a tag (the DSL's step `kind`): the tag is missing, not a string, or names no branch.
      const { tag, tagValue } = e.params as { tag: string; tagValue: unknown };
      pathText = `${pathText}/${tag}`;
      if (tagValue === undefined) [code, message] = ['required', 'is required'];
      else if (typeof tagValue !== 'string') [code, message] = ['type', 'must be string'];
      else message = `"${tagValue}" is not a known ${tag}`;
    } else if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      pathText = `${pathText}/${extra}`;
      message = 'is not a known field';
    } else if (e.keyword === 'required') {
      pathText = `${pathText}/${(e.params as { missingProperty: string }).missingProperty}`;
      message = 'is required';
    } else if (e.keyword === 'enum') {
      message = `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    }
    return { path: pathText || '/', code, message };
  });
}

/** Why the value does not pass the schema, or null when it does (the API's validate() answers 400 with them). */
export function schemaProblems(name: SchemaName, value: unknown, opts: { query?: boolean; prefix?: string } = {}): ErrorDetail[] | null {
  // Batch items are checked one by one with check(), so that one bad item does not fail the others; the batch as a
  // whole is only checked for depth (ajv's recursion must never meet a value nested thousands deep).
  // A batch's strings are scanned once, by check() per item: here only its depth is.
  const perItem = PER_ITEM.has(name);
  const unstorable = perItem ? tooDeepValues(value, opts.prefix ?? '') : unstorableValues(value, opts.prefix ?? '');
  const tooDeep = unstorable.filter((d) => d.code === 'too_deep');
  if (tooDeep.length > 0) return tooDeep;
  const fn = validatorFor(name, opts.query ?? false);
  if (!fn(value)) return toDetails(fn.errors, opts.prefix);
  // Query values are text until ajv coerces them: "offset=99999999999999999999" is a number only now.
  const after = opts.query ? unstorableValues(value, opts.prefix ?? '') : unstorable;
  if (!perItem && after.length > 0) return after;
  return null;
}

/** A path parameter against its format in common.schema.json ($defs): false when it cannot name anything. */
export function isValidParam(format: ParamFormat, value: string): boolean {
  const key = `p:${format}`;
  let fn = cache.get(key);
  if (!fn) {
    fn = bodyAjv.getSchema(`${API_SCHEMA_BASE}common.schema.json#/$defs/${format}`);
    if (!fn) throw new Error(`Unknown path parameter format ${format}`);
    cache.set(key, fn);
  }
  return fn(value) && unstorableValues(value, '').length === 0;
}

export type ParamFormat = 'uuid' | 'versionNumber' | 'slug' | 'caseId' | 'registrationNumber' | 'personalCode' | 'pathText';

/** A UUID PostgreSQL's uuid type takes (canonical 8-4-4-4-12 hex): check before an id from outside reaches a query. */
export const isUuid = (value: string): boolean => isValidParam('uuid', value);

/** Like validate but returns the error details instead of throwing (per-item validation in batches). */
export function check(name: SchemaName, value: unknown, prefix = ''): ErrorDetail[] | null {
  const fn = validatorFor(name, false);
  const unstorable = unstorableValues(value, prefix);
  if (unstorable.some((d) => d.code === 'too_deep')) return unstorable;
  if (!fn(value)) return toDetails(fn.errors, prefix);
  return unstorable.length > 0 ? unstorable : null;
}
