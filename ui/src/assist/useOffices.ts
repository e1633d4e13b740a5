// Office names (VPVKAC and agency offices) for "Changed by Laura Kļaviņa, VPVKAC Rīgā": read once per page load.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import type { Localized } from '../app/api/types';
import { useLocalized } from '../app/i18n/useLocalized';
import type { EditAuthor, GetOfficesResponse } from './types';

let offices: Promise<Map<string, Localized>> | null = null;

function loadOffices(): Promise<Map<string, Localized>> {
  offices ??= api<GetOfficesResponse>('/api/v1/offices')
    .then((r) => new Map(r.items.map((o) => [o.id, o.name])))
    .catch(() => {
      offices = null;
      return new Map();
    });
  return offices;
}

export function useOfficeName(): (id: string | null | undefined) => string {
  const loc = useLocalized();
  const [names, setNames] = useState<Map<string, Localized>>(new Map());
  useEffect(() => {
    let live = true;
    void loadOffices().then((m) => {
      if (live) setNames(m);
    });
    return () => {
      live = false;
    };
  }, []);
  return useCallback((id) => (id ? (names.has(id) ? loc(names.get(id)) : id) : ''), [names, loc]);
}

/** "Laura Kļaviņa, VPVKAC Rīgā" for staff, "the citizen" for the citizen. */
export function useAuthorName(): (by: EditAuthor) => string {
  const { t } = useTranslation();
  const office = useOfficeName();
  return useCallback(
    (by) => {
      if (by.type === 'citizen') return t('assist.changes.theCitizen');
      const where = office(by.office);
      return where ? `${by.name ?? t('assist.changes.staffMember')}, ${where}` : (by.name ?? t('assist.changes.staffMember'));
    },
    [t, office],
  );
}
