// Errors from the server (JSON Pointers such as "/applicant/givenName") and from the browser's validation, turned
// into rjsf field errors (extraErrors) and the items of the error summary, each linked to its field's id.
import type { ErrorSchema, RJSFSchema, RJSFValidationError } from '@rjsf/utils';
import type { TFunction } from 'i18next';
import type { ErrorDetail } from '../../app/api/client';
import type { SummaryItem } from '../../app/components/ErrorSummary';

export function pointerToPath(pointer: string): string[] {
  if (!pointer || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function fieldId(path: string[], prefix = 'root'): string {
  return [prefix, ...path].join('_');
}

/** The title of the field at `path` in the (localized) schema, or the last path segment. */
export function fieldLabel(schema: RJSFSchema, path: string[]): string {
  let node: RJSFSchema | undefined = schema;
  for (const p of path) node = (node?.properties as Record<string, RJSFSchema> | undefined)?.[p];
  return typeof node?.title === 'string' ? node.title : (path[path.length - 1] ?? '');
}

function message(d: ErrorDetail, t: TFunction): string {
  return t(`errors.keyword.${d.code}`, { defaultValue: d.message });
}

export function serverErrors(
  details: ErrorDetail[],
  schema: RJSFSchema,
  t: TFunction,
  prefix = 'root',
): { extraErrors: ErrorSchema; summary: SummaryItem[] } {
  const extraErrors: Record<string, unknown> = {};
  const summary: SummaryItem[] = [];
  for (const d of details) {
    const path = pointerToPath(d.path ?? '');
    let node = extraErrors;
    for (const p of path) {
      node[p] = (node[p] as Record<string, unknown> | undefined) ?? {};
      node = node[p] as Record<string, unknown>;
    }
    const text = message(d, t);
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), text];
    summary.push({ fieldId: path.length ? fieldId(path, prefix) : null, label: fieldLabel(schema, path), message: text });
  }
  return { extraErrors: extraErrors as ErrorSchema, summary };
}

/** rjsf's property ("applicant.givenName" or ".applicant.givenName") to a path. */
function propertyPath(property: string | undefined): string[] {
  return (property ?? '').replace(/^\./, '').split('.').filter(Boolean);
}

export function clientSummary(errors: RJSFValidationError[], schema: RJSFSchema, prefix = 'root'): SummaryItem[] {
  return errors.map((e) => {
    const path = propertyPath(e.property);
    return { fieldId: path.length ? fieldId(path, prefix) : null, label: fieldLabel(schema, path), message: e.message ?? '' };
  });
}

/** Browser-side messages in the chosen language (ajv's are English only). */
export function translateErrors(t: TFunction) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors
      .filter((e) => e.name !== 'if')
      .map((e) => {
        const params = (e.params ?? {}) as Record<string, unknown>;
        return { ...e, message: t(`errors.keyword.${e.name ?? ''}`, { ...params, defaultValue: e.message ?? '' }) };
      });
}
