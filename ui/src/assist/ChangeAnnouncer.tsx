// The latest change made by the other side, shown and announced politely (the region exists before its first
// message, so screen readers pick up every change).
import { useTranslation } from 'react-i18next';
import type { RJSFSchema } from '@rjsf/utils';
import { fieldLabel, pointerToPath } from '../applications/form/errors';
import type { EditAuthor } from './types';

export interface AnnouncedChange {
  pointer: string;
  by: EditAuthor;
  seq: number;
}

export function ChangeAnnouncer({
  change,
  schema,
  author,
}: {
  change: AnnouncedChange | null;
  schema: RJSFSchema;
  author(by: EditAuthor): string;
}) {
  const { t } = useTranslation();
  const text = change
    ? t('assist.changes.changeAnnounced', { name: author(change.by), field: fieldLabel(schema, pointerToPath(change.pointer)) })
    : '';
  return (
    <p className="cb-live" role="status" aria-live="polite" data-testid="cobrowse-live" data-seq={change?.seq ?? 0}>
      {text}
    </p>
  );
}
