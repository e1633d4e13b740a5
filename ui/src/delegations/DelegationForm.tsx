// Registering a delegation: the representative's personal code and name, from when until when, and for every
// e-service or the chosen ones. Checked here first (error summary linked to the fields), then by the server, whose
// field errors come back onto the same fields.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import { ErrorSummary, type SummaryItem } from '../app/components/ErrorSummary';
import { DateInput } from '../app/components/DateInput';
import { useLocalized } from '../app/i18n/useLocalized';
import { PERSONAL_CODE, todayLocal, type Delegation, type EServiceOption } from './types';

type Field = 'code' | 'name' | 'from' | 'until' | 'eservices';
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID: Record<Field, string> = {
  code: 'delegation-code',
  name: 'delegation-name',
  from: 'delegation-from',
  until: 'delegation-until',
  eservices: 'delegation-eservices',
};
const FIELD_OF_PATH: Array<[RegExp, Field]> = [
  [/^\/representative\/id/, 'code'],
  [/^\/representative/, 'name'],
  [/^\/validFrom/, 'from'],
  [/^\/validUntil/, 'until'],
  [/^\/scope/, 'eservices'],
];

export function DelegationForm({ eservices, onRegistered }: { eservices: EServiceOption[]; onRegistered(d: Delegation): void }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [from, setFrom] = useState(todayLocal);
  const [until, setUntil] = useState('');
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const labels: Record<Field, string> = {
    code: t('delegations.form.personalCode'),
    name: t('delegations.form.name'),
    from: t('delegations.form.validFrom'),
    until: t('delegations.form.validUntil'),
    eservices: t('delegations.form.eservices'),
  };
  const summary: SummaryItem[] = (Object.keys(errors) as Field[]).map((f) => ({
    fieldId: f === 'eservices' ? `${ID.eservices}-0` : ID[f],
    label: labels[f],
    message: errors[f] as string,
  }));

  const check = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    const c = code.trim();
    if (!c) found.code = t('delegations.errors.codeRequired');
    else if (!PERSONAL_CODE.test(c)) found.code = t('delegations.errors.codeFormat');
    if (name.trim().length < 2) found.name = t('delegations.errors.nameRequired');
    if (!from) found.from = t('delegations.errors.dateRequired');
    else if (!ISO_DAY.test(from)) found.from = t('delegations.errors.dateInvalid');
    if (until && !ISO_DAY.test(until)) found.until = t('delegations.errors.dateInvalid');
    if (from && until && until < from) found.until = t('delegations.errors.before_valid_from');
    if (!all && chosen.length === 0) found.eservices = t('delegations.errors.chooseEservice');
    return found;
  };

  const submit = async () => {
    const found = check();
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const d = await api<Delegation>('/api/v1/me/delegations', {
        body: {
          representative: { type: 'natural', id: code.trim(), name: name.trim() },
          validFrom: from,
          ...(until ? { validUntil: until } : {}),
          scope: all ? 'all' : chosen,
        },
      });
      setCode('');
      setName('');
      setUntil('');
      setChosen([]);
      setAll(true);
      onRegistered(d);
    } catch (e) {
      const fromServer: Partial<Record<Field, string>> = {};
      if (e instanceof ApiError && (e.status === 422 || e.status === 409)) {
        for (const d of e.details) {
          const field = FIELD_OF_PATH.find(([re]) => re.test(d.path ?? ''))?.[1];
          if (field && !fromServer[field]) fromServer[field] = t(`delegations.errors.${d.code}`, { defaultValue: d.message });
        }
      }
      if (Object.keys(fromServer).length) setErrors(fromServer);
      else setFailure(t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  const described = (f: Field, hint?: string) => [hint, errors[f] ? `${ID[f]}-error` : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (f: Field) =>
    errors[f] ? (
      <p id={`${ID[f]}-error`} className="field-error">
        {errors[f]}
      </p>
    ) : null;

  return (
    <section className="panel" aria-labelledby="delegation-form-heading">
      <h2 id="delegation-form-heading">{t('delegations.form.title')}</h2>
      <ErrorSummary items={summary} />
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor={ID.code}>{labels.code}</label>
          <p id={`${ID.code}-hint`} className="muted">
            {t('delegations.form.personalCodeHint')}
          </p>
          {fieldError('code')}
          <input
            id={ID.code}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={code}
            aria-invalid={!!errors.code}
            aria-describedby={described('code', `${ID.code}-hint`)}
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ID.name}>{labels.name}</label>
          {fieldError('name')}
          <input
            id={ID.name}
            type="text"
            autoComplete="off"
            maxLength={200}
            value={name}
            aria-invalid={!!errors.name}
            aria-describedby={described('name')}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ID.from}>{labels.from}</label>
          {fieldError('from')}
          <DateInput id={ID.from} value={from} invalid={!!errors.from} describedBy={described('from')} onChange={setFrom} />
        </div>
        <div className="field">
          <label htmlFor={ID.until}>{labels.until}</label>
          <p id={`${ID.until}-hint`} className="muted">
            {t('delegations.form.validUntilHint')}
          </p>
          {fieldError('until')}
          <DateInput
            id={ID.until}
            value={until}
            invalid={!!errors.until}
            describedBy={described('until', `${ID.until}-hint`)}
            onChange={setUntil}
          />
        </div>
        <fieldset>
          <legend>{t('delegations.form.scope')}</legend>
          <div className="radio">
            <input id="delegation-scope-all" type="radio" name="delegation-scope" checked={all} onChange={() => setAll(true)} />
            <label htmlFor="delegation-scope-all">{t('delegations.form.scopeAll')}</label>
          </div>
          <div className="radio">
            <input id="delegation-scope-some" type="radio" name="delegation-scope" checked={!all} onChange={() => setAll(false)} />
            <label htmlFor="delegation-scope-some">{t('delegations.form.scopeSome')}</label>
          </div>
        </fieldset>
        {!all && (
          <fieldset aria-describedby={errors.eservices ? `${ID.eservices}-error` : undefined}>
            <legend>{labels.eservices}</legend>
            {fieldError('eservices')}
            {eservices.map((s, i) => (
              <div className="checkbox" key={s.id}>
                <label htmlFor={`${ID.eservices}-${i}`}>
                  <input
                    id={`${ID.eservices}-${i}`}
                    type="checkbox"
                    value={s.id}
                    checked={chosen.includes(s.id)}
                    onChange={(e) => setChosen((prev) => (e.target.checked ? [...prev, s.id] : prev.filter((x) => x !== s.id)))}
                  />
                  {loc(s.title)}
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('delegations.form.saving') : t('delegations.form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
