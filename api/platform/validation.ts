// Request validation for routes: the schemas and their one ajv live in forms/validation.ts (db/ and activities/
// check with them too, and callers import them from there); what is the API's own is that a failed check becomes
// its 400 validation_failed.
import { schemaProblems, type SchemaName } from '../../forms/validation';
import { validationFailed } from './errors';

/** Validates and returns the value typed as T, or throws a 400 validation_failed ApiError. */
export function validate<T>(name: SchemaName, value: unknown, opts: { query?: boolean; prefix?: string } = {}): T {
  const problems = schemaProblems(name, value, opts);
  if (problems) throw validationFailed(problems);
  return value as T;
}
