// The state of one "Something is wrong" form: the chosen field and the texts, the checks made here first, the
// submit with the form's one Idempotency-Key, and the server's field errors (422) put back onto the fields.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../app/api/client';
import type { RegisterDataDiscrepancy, RegisterDataDiscrepancyCreate, RegisterDataItem } from '../../../forms/types/api';
import { useFieldValue } from './field-value';

export type ReportField = 'field' | 'wrong' | 'correct' | 'comment';
const PATH_FIELDS: Record<string, ReportField> = { '/field': 'field', '/wrong': 'wrong', '/correct': 'correct', '/comment': 'comment' };

export function useReportForm(register: RegisterDataDiscrepancyCreate['register'], item: RegisterDataItem) {
  const { t } = useTranslation();
  const valueOf = useFieldValue();
  const idempotencyKey = useMemo(() => `ui-${newIdempotencyKey()}`, []);
  const [field, setField] = useState(item.fields[0]?.key ?? '');
  const [wrong, setWrong] = useState(() => (item.fields[0] ? valueOf(item.fields[0]) : ''));
  const [correct, setCorrect] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Partial<Record<ReportField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<RegisterDataDiscrepancy | null>(null);
  const [busy, setBusy] = useState(false);

  /** Choosing the entry fills "what is wrong" with what the register holds. */
  const chooseField = (key: string) => {
    setField(key);
    const chosen = item.fields.find((f) => f.key === key);
    setWrong(chosen ? valueOf(chosen) : '');
  };

  const check = (): Partial<Record<ReportField, string>> => {
    const found: Partial<Record<ReportField, string>> = {};
    if (!wrong.trim()) found.wrong = t('registerData.errors.wrongRequired');
    if (!correct.trim()) found.correct = t('registerData.errors.correctRequired');
    else if (correct.trim() === wrong.trim()) found.correct = t('registerData.errors.same_as_wrong');
    return found;
  };

  const submit = async () => {
    const found = check();
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const body: RegisterDataDiscrepancyCreate = {
        register,
        itemId: item.id,
        field,
        wrong: wrong.trim(),
        correct: correct.trim(),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      };
      setSent(
        await api<RegisterDataDiscrepancy>('/api/v1/me/register-data/discrepancies', {
          method: 'POST',
          body,
          headers: { 'idempotency-key': idempotencyKey },
        }),
      );
    } catch (e) {
      const fromServer: Partial<Record<ReportField, string>> = {};
      if (e instanceof ApiError) {
        for (const d of e.details) {
          const f = d.path ? PATH_FIELDS[d.path] : undefined;
          if (f && !fromServer[f]) fromServer[f] = t(`registerData.errors.${d.code}`, { defaultValue: d.message });
        }
      }
      if (Object.keys(fromServer).length) setErrors(fromServer);
      else setFailure(t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  return { field, chooseField, wrong, setWrong, correct, setCorrect, comment, setComment, errors, failure, sent, busy, submit };
}
