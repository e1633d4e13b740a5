// Validation of adapter options against each backend's options.schema.json, with errors that name the role, the
// backend and the bad option: a typo in configuration must stop the worker at boot, not fail a citizen's case.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { createValidator } from '../../forms/validator';

// useDefaults: a backend's options schema fills in what the operator left out.
const ajv = createValidator({ strict: true, useDefaults: true, schemas: [] });
const compiled = new WeakMap<object, ValidateFunction>();

export class AdapterConfigError extends Error {
  constructor(
    readonly role: string,
    message: string,
  ) {
    super(message);
    this.name = 'AdapterConfigError';
  }
}

function describe(error: ErrorObject): string {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const at = (name: unknown) => [path, String(name)].filter(Boolean).join('.');
  if (error.keyword === 'additionalProperties') return `unknown option "${at(error.params.additionalProperty)}"`;
  if (error.keyword === 'required') return `option "${at(error.params.missingProperty)}" is required`;
  return path ? `option "${path}" ${error.message}` : `options ${error.message}`;
}

/** The options with schema defaults filled in (on a copy); throws AdapterConfigError when they do not fit. */
export function validateAdapterOptions(role: string, backend: string, schema: object, options: unknown): unknown {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  let copy: unknown;
  try {
    copy = options === undefined ? {} : structuredClone(options);
  } catch {
    throw new AdapterConfigError(role, `Adapter options for ${role} (backend "${backend}") must be plain JSON data.`);
  }
  if (!validate(copy)) {
    const problems = [...new Set((validate.errors ?? []).map(describe))].join('; ');
    throw new AdapterConfigError(role, `Adapter options for ${role} (backend "${backend}") are invalid: ${problems}.`);
  }
  return copy;
}
