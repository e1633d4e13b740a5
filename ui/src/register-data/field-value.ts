// A register field's value as the page writes it: a date in the page's language, a code in words, "not given" for
// nothing.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDay } from '../app/i18n/dates';
import { useLocalized } from '../app/i18n/useLocalized';
import type { RegisterDataField } from '../../../forms/types/api';

export function useFieldValue(): (field: RegisterDataField) => string {
  const { t } = useTranslation();
  const formatDay = useFormatDay();
  const loc = useLocalized();
  return useCallback(
    (field) => {
      if (field.value === null) return t('registerData.noValue');
      if (field.display) return loc(field.display);
      return field.type === 'date' ? formatDay(field.value) : field.value;
    },
    [t, formatDay, loc],
  );
}
