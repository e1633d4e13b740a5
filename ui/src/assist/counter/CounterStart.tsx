// At the counter: the staff member enters the citizen's personal code, chooses the basis for acting on their behalf
// (a written mandate, recorded first: representative, document, validity; or one of the person's registered
// delegations found by the lookup, which the server audits) and the e-service, and opens the application for the
// citizen. Nothing is opened, and nothing is prefilled from a register, before that basis is on record.
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import { Alert } from '../../app/components/Alert';
import { ErrorSummary, type SummaryItem } from '../../app/components/ErrorSummary';
import { usePageTitle } from '../../app/components/usePageTitle';
import { useLocalized } from '../../app/i18n/useLocalized';
import {
  MANDATE_IDS,
  MandateFields,
  emptyMandate,
  mandateErrors,
  mandateFieldOf,
  recordMandate,
  type MandateDraft,
  type MandateField,
  type UploadedDocument,
} from './MandateFields';
import {
  PERSONAL_CODE,
  formatPersonalCode,
  useValidity,
  type Delegation,
  type EServiceList,
  type EServiceOption,
} from '../../delegations/types';
import type { PostAssistedApplicationsResponse, PostDelegationsLookupResponse } from '../types';

type Field = 'code' | 'basis' | 'eservice' | MandateField;
const ID: Record<Field, string> = { code: 'counter-code', basis: 'counter-basis-mandate', eservice: 'counter-eservice', ...MANDATE_IDS };

export interface CounterState {
  basis: 'mandate' | 'delegation';
  reference: string;
  representative: string | null;
}

export function CounterStart() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const validity = useValidity();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [found, setFound] = useState<Delegation[] | null>(null);
  const [basis, setBasis] = useState(''); // 'mandate' or a delegation id
  const [mandate, setMandate] = useState<MandateDraft>(emptyMandate);
  const uploaded = useRef<UploadedDocument | null>(null);
  const [eservices, setEservices] = useState<EServiceOption[]>([]);
  const [eserviceId, setEserviceId] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'find' | 'open' | null>(null);
  usePageTitle(t('delegations.counter.title'));

  useEffect(() => {
    api<EServiceList>('/api/v1/eservice-definitions').then(
      // The counter opens e-services for people; a company's are opened in its own account.
      (r) => setEservices(r.items.filter((s) => s.applicants.includes('natural'))),
      () => setFailure(t('errors.generic')),
    );
  }, [t]);

  const delegation = found?.find((d) => d.id === basis) ?? null;
  const offered = delegation && delegation.scope !== 'all' ? eservices.filter((s) => delegation.scope.includes(s.id)) : eservices;
  const labels: Record<Field, string> = {
    code: t('delegations.counter.personalCode'),
    basis: t('delegations.counter.basis'),
    eservice: t('delegations.counter.eservice'),
    repCode: t('delegations.counter.repCode'),
    repName: t('delegations.counter.repName'),
    file: t('delegations.counter.mandateFile'),
    validFrom: t('delegations.counter.mandateValidFrom'),
    validUntil: t('delegations.counter.mandateValidUntil'),
  };
  const summary: SummaryItem[] = (Object.keys(errors) as Field[]).map((f) => ({
    fieldId: ID[f],
    label: labels[f],
    message: errors[f] as string,
  }));
  const codeError = (value: string) =>
    !value ? t('delegations.errors.codeRequired') : PERSONAL_CODE.test(value) ? null : t('delegations.errors.codeFormat');
  const serverError = (e: unknown, fields: Partial<Record<string, Field>>) => {
    const mandateField = basis === 'mandate' && e instanceof ApiError ? mandateFieldOf(e) : null;
    if (mandateField && e instanceof ApiError)
      setErrors({
        [mandateField]: t(`delegations.counter.errors.${e.code === 'invalid_mandate' ? e.details[0]?.code : e.code}`, {
          defaultValue: e.details[0]?.message ?? e.message,
        }),
      });
    else if (e instanceof ApiError && fields[e.code])
      setErrors({ [fields[e.code] as Field]: t(`delegations.${e.code === 'invalid_person_id' ? 'errors' : 'counter.errors'}.${e.code}`) });
    else setFailure(e instanceof ApiError ? t(`delegations.counter.errors.${e.code}`, { defaultValue: e.message }) : t('errors.generic'));
  };

  const find = async () => {
    const value = code.trim();
    const bad = codeError(value);
    setFailure(null);
    setErrors(bad ? { code: bad } : {});
    if (bad) return;
    setBusy('find');
    try {
      const r = await api<PostDelegationsLookupResponse>('/api/v1/delegations/lookup', {
        body: { person: { type: 'natural', id: value } },
      });
      setFound(r.items);
      if (basis !== 'mandate') setBasis('');
    } catch (e) {
      serverError(e, { invalid_person_id: 'code' });
    } finally {
      setBusy(null);
    }
  };

  const open = async () => {
    const found1: Partial<Record<Field, string>> = {};
    const bad = codeError(code.trim());
    if (bad) found1.code = bad;
    if (!basis) found1.basis = t('delegations.counter.errors.chooseBasis');
    if (basis === 'mandate') Object.assign(found1, mandateErrors(mandate, t));
    if (!eserviceId || !offered.some((s) => s.id === eserviceId)) found1.eservice = t('delegations.counter.chooseEservice');
    setErrors(found1);
    setFailure(null);
    if (Object.keys(found1).length) return;
    setBusy('open');
    try {
      // A written mandate is recorded first (the server checks the representative against the population register).
      const mandateId = basis === 'mandate' ? await recordMandate(code.trim(), mandate, uploaded) : null;
      const body = {
        eserviceId,
        recipient: { type: 'natural', id: code.trim() },
        basis: mandateId ? { type: 'mandate', mandateId } : { type: 'delegation', delegationId: basis },
      };
      const opened = await api<PostAssistedApplicationsResponse>('/api/v1/assisted-applications', { body });
      const state: CounterState = mandateId
        ? { basis: 'mandate', reference: mandateId, representative: mandate.name.trim() }
        : { basis: 'delegation', reference: basis, representative: delegation?.representative.name ?? null };
      void navigate(`/assist/counter/${opened.id}`, { state });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'no_delegation') setFound(null); // look again: it is gone
      serverError(e, { invalid_person_id: 'code', no_delegation: 'basis', delegation_scope: 'eservice' });
    } finally {
      setBusy(null);
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
    <>
      <h1>{t('delegations.counter.title')}</h1>
      <p className="lead">{t('delegations.counter.lead')}</p>
      <ErrorSummary items={summary} />
      {failure && <Alert kind="error">{failure}</Alert>}
      <form
        className="panel counter-start"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        <div className="field">
          <label htmlFor={ID.code}>{labels.code}</label>
          <p id={`${ID.code}-hint`} className="muted">
            {t('delegations.counter.personalCodeHint')}
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
            onChange={(e) => {
              setCode(e.target.value);
              setFound(null);
              if (basis !== 'mandate') setBasis('');
            }}
          />
        </div>
        <div className="actions">
          <button type="button" className="secondary" disabled={busy !== null} onClick={() => void find()}>
            {busy === 'find' ? t('delegations.counter.finding') : t('delegations.counter.find')}
          </button>
        </div>
        <fieldset aria-describedby={errors.basis ? `${ID.basis}-error` : undefined}>
          <legend>{labels.basis}</legend>
          {fieldError('basis')}
          <div className="radio">
            <input
              id={ID.basis}
              type="radio"
              name="counter-basis"
              value="mandate"
              checked={basis === 'mandate'}
              onChange={() => setBasis('mandate')}
            />
            <label htmlFor={ID.basis}>{t('delegations.counter.mandate')}</label>
          </div>
          {found?.map((d) => (
            <div className="radio" key={d.id} data-delegation={d.id}>
              <input
                id={`counter-basis-${d.id}`}
                type="radio"
                name="counter-basis"
                value={d.id}
                checked={basis === d.id}
                onChange={() => setBasis(d.id)}
              />
              <label htmlFor={`counter-basis-${d.id}`}>
                {t('delegations.counter.delegation', {
                  name: d.representative.name ?? '',
                  code: formatPersonalCode(d.representative.id),
                  validity: validity(d),
                })}
                {d.scope !== 'all' && ` (${d.scope.map((id) => loc(eservices.find((s) => s.id === id)?.title) || id).join(', ')})`}
              </label>
            </div>
          ))}
          {found && found.length === 0 && (
            <p className="muted" data-testid="no-delegations">
              {t('delegations.counter.noDelegations')}
            </p>
          )}
          {delegation && <p className="muted">{t('delegations.counter.checkIdentity')}</p>}
        </fieldset>
        {basis === 'mandate' && <MandateFields value={mandate} onChange={setMandate} errors={errors} />}
        <div className="field">
          <label htmlFor={ID.eservice}>{labels.eservice}</label>
          {fieldError('eservice')}
          <select
            id={ID.eservice}
            value={eserviceId}
            aria-invalid={!!errors.eservice}
            aria-describedby={described('eservice')}
            onChange={(e) => setEserviceId(e.target.value)}
          >
            <option value="">{t('delegations.counter.chooseEservice')}</option>
            {offered.map((s) => (
              <option key={s.id} value={s.id}>
                {loc(s.title)}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'open' ? t('delegations.counter.opening') : t('delegations.counter.open')}
          </button>
        </div>
      </form>
    </>
  );
}
