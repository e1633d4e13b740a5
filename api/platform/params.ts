// Path parameters every area reads the same way: a malformed id is a 400 with the one error shape, before any lookup.
import { badRequest } from './errors';
import { isValidCaseId, isWellFormedCaseId } from '../../db/domain/case-id';

/** A case id from the path, checked for its form and its ISO 7064 check digits (a mistyped id never reaches the database). */
export function parseCaseId(id: string): string {
  if (!isWellFormedCaseId(id))
    throw badRequest('invalid_case_id', 'A case id looks like LV-0001234567-89.', [
      { path: '/id', code: 'pattern', message: 'malformed case id' },
    ]);
  if (!isValidCaseId(id))
    throw badRequest('invalid_check_digits', 'The case id has wrong check digits: it is mistyped.', [
      { path: '/id', code: 'invalid_check_digits', message: 'ISO 7064 MOD 97-10 check failed' },
    ]);
  return id;
}
