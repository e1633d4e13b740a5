// The server's refusals (422 field details, 429, 503) as the form's field errors, in the page's language.
import type { TFunction } from 'i18next';
import { ApiError } from '../app/api/client';

/** The first message per field (by the detail's path), or `null` when the error is none of the form's. */
export function fieldErrorsOf<F extends string>(
  e: unknown,
  t: TFunction,
  fieldOfPath: Record<string, F>,
  fallback: F,
): Partial<Record<F, string>> | null {
  if (!(e instanceof ApiError)) return null;
  if (e.status === 503) return { [fallback]: t('profile.errors.unavailable') } as Partial<Record<F, string>>;
  if (e.status !== 422 && e.status !== 429) return null;
  const found: Partial<Record<F, string>> = {};
  for (const d of e.details.length ? e.details : [{ path: '', code: e.code, message: e.message }]) {
    const field = fieldOfPath[(d.path ?? '').split('/')[1] ?? ''] ?? fallback;
    found[field] ??= t(`profile.errors.${d.code}`, { defaultValue: d.message }) as string;
  }
  return found;
}
