// Validation errors on the citizen's screen travel in presence as { pointer, code, message, params }; the helper's
// screen shows them on the same fields, in the helper's language.
import type { ErrorSchema, RJSFValidationError } from '@rjsf/utils';
import type { TFunction } from 'i18next';
import type { ErrorDetail } from '../app/api/client';
import { pointerToPath } from '../applications/form/errors';
import { toPointer } from './pointer';
import type { PresenceError } from './types';

const MAX = 50; // the server keeps at most 50

export function fromClientErrors(errors: RJSFValidationError[]): PresenceError[] {
  return errors
    .filter((e) => e.name !== 'if')
    .slice(0, MAX)
    .map((e) => ({
      pointer: toPointer((e.property ?? '').replace(/^\./, '').split('.').filter(Boolean)),
      code: e.name ?? 'invalid',
      message: e.message ?? '',
      params: (e.params ?? {}) as Record<string, unknown>,
    }));
}

export function fromServerDetails(details: ErrorDetail[]): PresenceError[] {
  return details.slice(0, MAX).map((d) => ({ pointer: d.path ?? '', code: d.code, message: d.message }));
}

export function presenceMessage(e: PresenceError, t: TFunction): string {
  return t(`errors.keyword.${e.code}`, { ...(e.params ?? {}), defaultValue: e.message });
}

/** The citizen's errors as rjsf field errors (extraErrors) for the helper's copy of the form. */
export function presenceErrorSchema(errors: PresenceError[], t: TFunction): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const e of errors) {
    let node = root;
    for (const p of pointerToPath(e.pointer)) {
      node[p] = (node[p] as Record<string, unknown> | undefined) ?? {};
      node = node[p] as Record<string, unknown>;
    }
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), presenceMessage(e, t)];
  }
  return root as ErrorSchema;
}
