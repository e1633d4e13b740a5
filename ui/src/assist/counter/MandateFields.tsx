// The written mandate a representative presents at the counter, recorded before anything is done for the citizen:
// who the representative is (checked by the server against the population register), the scanned document, an
// optional number/date/issuer, and the days it is valid. `recordMandate` uploads the document and records it.
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../app/components/DateInput';
import { api, type ApiError } from '../../app/api/client';
import { PERSONAL_CODE } from '../../delegations/types';
import type { Mandate, PostMandateDocumentsResponse } from '../types';

export interface MandateDraft {
  code: string;
  name: string;
  file: File | null;
  reference: string;
  validFrom: string;
  validUntil: string;
}
export type MandateField = 'repCode' | 'repName' | 'file' | 'validFrom' | 'validUntil';
export const MANDATE_IDS: Record<MandateField, string> = {
  repCode: 'mandate-rep-code',
  repName: 'mandate-rep-name',
  file: 'mandate-file',
  validFrom: 'mandate-valid-from',
  validUntil: 'mandate-valid-until',
};
export const emptyMandate = (): MandateDraft => ({ code: '', name: '', file: null, reference: '', validFrom: '', validUntil: '' });

/** What is missing or malformed before anything is sent (translated messages by field). */
export function mandateErrors(m: MandateDraft, t: (key: string) => string): Partial<Record<MandateField, string>> {
  const errors: Partial<Record<MandateField, string>> = {};
  if (!PERSONAL_CODE.test(m.code.trim()))
    errors.repCode = t(m.code.trim() ? 'delegations.errors.codeFormat' : 'delegations.errors.codeRequired');
  if (!m.name.trim()) errors.repName = t('delegations.errors.nameRequired');
  if (!m.file) errors.file = t('delegations.counter.errors.fileRequired');
  if (!m.validFrom) errors.validFrom = t('delegations.errors.dateRequired');
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(m.validFrom)) errors.validFrom = t('delegations.errors.dateInvalid');
  if (m.validUntil && !/^\d{4}-\d{2}-\d{2}$/.test(m.validUntil)) errors.validUntil = t('delegations.errors.dateInvalid');
  return errors;
}

/** Server refusals that belong to a field of the mandate. */
export function mandateFieldOf(e: ApiError): MandateField | null {
  const path = e.details[0]?.path ?? '';
  if (e.code === 'representative_mismatch') return 'repName';
  if (path === '/representative/id') return 'repCode';
  if (path === '/validUntil') return 'validUntil';
  if (path === '/validFrom') return 'validFrom';
  if (e.code === 'unsupported_media_type' || e.code === 'payload_too_large' || path === '/documentId') return 'file';
  return null;
}

/**
 * The document uploaded at the counter, and the mandate recorded on it: a second try (a name corrected, another
 * e-service chosen) reuses them instead of uploading or recording again.
 */
export interface UploadedDocument {
  file: File;
  id: string;
  recorded?: { key: string; mandateId: string };
}

/** Uploads the document (unless uploaded already), records the mandate from `principal` (unless recorded), answers its id. */
export async function recordMandate(principal: string, m: MandateDraft, uploaded: { current: UploadedDocument | null }): Promise<string> {
  const file = m.file as File;
  if (uploaded.current?.file !== file) {
    const doc = await api<PostMandateDocumentsResponse>('/api/v1/mandate-documents', {
      method: 'POST',
      raw: file,
      headers: { 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
    });
    uploaded.current = { file, id: doc.id };
  }
  const doc = uploaded.current;
  const body = {
    principal: { type: 'natural', id: principal },
    representative: { type: 'natural', id: m.code.trim(), name: m.name.trim() },
    documentId: doc.id,
    ...(m.reference.trim() ? { documentReference: m.reference.trim() } : {}),
    validFrom: m.validFrom,
    ...(m.validUntil ? { validUntil: m.validUntil } : {}),
    scope: 'all',
  };
  const key = JSON.stringify(body);
  if (doc.recorded?.key === key) return doc.recorded.mandateId;
  const mandate = await api<Mandate>('/api/v1/mandates', { body });
  doc.recorded = { key, mandateId: mandate.id };
  return mandate.id;
}

export function MandateFields({
  value,
  onChange,
  errors,
}: {
  value: MandateDraft;
  onChange(next: MandateDraft): void;
  errors: Partial<Record<MandateField, string>>;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<MandateDraft>) => onChange({ ...value, ...patch });
  const error = (f: MandateField) =>
    errors[f] ? (
      <p id={`${MANDATE_IDS[f]}-error`} className="field-error">
        {errors[f]}
      </p>
    ) : null;
  const described = (f: MandateField, hint?: string) =>
    [hint, errors[f] ? `${MANDATE_IDS[f]}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="mandate-fields">
      <legend>{t('delegations.counter.mandateRecord')}</legend>
      <p className="muted">{t('delegations.counter.mandateRecordHint')}</p>
      <div className="field">
        <label htmlFor={MANDATE_IDS.repCode}>{t('delegations.counter.repCode')}</label>
        {error('repCode')}
        <input
          id={MANDATE_IDS.repCode}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          value={value.code}
          aria-invalid={!!errors.repCode}
          aria-describedby={described('repCode')}
          onChange={(e) => set({ code: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={MANDATE_IDS.repName}>{t('delegations.counter.repName')}</label>
        {error('repName')}
        <input
          id={MANDATE_IDS.repName}
          type="text"
          autoComplete="off"
          maxLength={200}
          value={value.name}
          aria-invalid={!!errors.repName}
          aria-describedby={described('repName')}
          onChange={(e) => set({ name: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={MANDATE_IDS.file}>{t('delegations.counter.mandateFile')}</label>
        <p id={`${MANDATE_IDS.file}-hint`} className="muted">
          {t('delegations.counter.mandateFileHint')}
        </p>
        {error('file')}
        <input
          id={MANDATE_IDS.file}
          type="file"
          accept="application/pdf,image/png,image/jpeg"
          aria-invalid={!!errors.file}
          aria-describedby={described('file', `${MANDATE_IDS.file}-hint`)}
          onChange={(e) => set({ file: e.target.files?.[0] ?? null })}
        />
      </div>
      <div className="field">
        <label htmlFor="mandate-reference">{t('delegations.counter.mandateRef')}</label>
        <p id="mandate-reference-hint" className="muted">
          {t('delegations.counter.mandateRefHint')}
        </p>
        <input
          id="mandate-reference"
          type="text"
          maxLength={200}
          value={value.reference}
          aria-describedby="mandate-reference-hint"
          onChange={(e) => set({ reference: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={MANDATE_IDS.validFrom}>{t('delegations.counter.mandateValidFrom')}</label>
        {error('validFrom')}
        <DateInput
          id={MANDATE_IDS.validFrom}
          value={value.validFrom}
          invalid={!!errors.validFrom}
          describedBy={described('validFrom')}
          onChange={(v) => set({ validFrom: v })}
        />
      </div>
      <div className="field">
        <label htmlFor={MANDATE_IDS.validUntil}>{t('delegations.counter.mandateValidUntil')}</label>
        {error('validUntil')}
        <DateInput
          id={MANDATE_IDS.validUntil}
          value={value.validUntil}
          invalid={!!errors.validUntil}
          describedBy={described('validUntil')}
          onChange={(v) => set({ validUntil: v })}
        />
      </div>
    </fieldset>
  );
}
