// Links to e-services of external portals registered for single sign-on: a citizen signed in here arrives there
// signed in (the platform is their OpenID Provider), with no second sign-in.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { GetAuthPortalsResponse } from '../../../../forms/types/api';

export function PortalLinks() {
  const { t } = useTranslation();
  const [portals, setPortals] = useState<GetAuthPortalsResponse['items']>([]);
  useEffect(() => {
    api<GetAuthPortalsResponse>('/api/v1/auth/portals').then(
      (r) => setPortals(r.items),
      () => setPortals([]),
    );
  }, []);
  if (!portals.length) return null;
  return (
    <>
      <p>{t('dashboard.portalsHelp')}</p>
      <ul className="plain">
        {portals.map((p) => (
          <li key={p.clientId}>
            <a href={p.serviceUrl} data-testid="portal-link">
              {p.name}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
