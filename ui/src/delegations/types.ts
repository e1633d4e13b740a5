// What the delegation API says (api/delegations/presenter.ts), and the small helpers the pages share.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delegation, GetEserviceDefinitionsResponse, GetMeDelegationsResponse, Mandate, PersonRef } from '../../../forms/types/api';

// Generated from forms/api/delegation.schema.json and mandate.schema.json (npm run generate:types).
export type { Delegation, Mandate, PersonRef };
export type DelegationStatus = Delegation['status'];

/** A row of the delegation table: a delegation, or a written mandate (the same parties, scope and validity). */
export type DelegationRow = Delegation | Mandate;

/** GET /api/v1/me/delegations. */
export type MyDelegations = GetMeDelegationsResponse;

/** An e-service to choose from: its id and title in GET /api/v1/eservice-definitions. */
export type EServiceOption = Pick<GetEserviceDefinitionsResponse['items'][number], 'id' | 'title'>;
export type EServiceList = GetEserviceDefinitionsResponse;

/** Calendar days are written by the UI's one date helper. */
export { useFormatDay } from '../app/i18n/dates';
import { useFormatDay } from '../app/i18n/dates';

/** From when until when, in words. */
export function useValidity(): (d: Pick<Delegation, 'validFrom' | 'validUntil'>) => string {
  const { t } = useTranslation();
  const day = useFormatDay();
  return useCallback(
    (d) =>
      d.validUntil
        ? t('delegations.validity', { from: day(d.validFrom), until: day(d.validUntil) })
        : t('delegations.validityOpen', { from: day(d.validFrom) }),
    [t, day],
  );
}

/** Today in the browser's calendar, as YYYY-MM-DD. */
export function todayLocal(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A personal code as people write it: 11 digits with the dash after the sixth. */
export function formatPersonalCode(code: string): string {
  return /^\d{11}$/.test(code) ? `${code.slice(0, 6)}-${code.slice(6)}` : code;
}

export const PERSONAL_CODE = /^\d{6}-?\d{5}$/;
