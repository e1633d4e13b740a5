// The page frame: skip link, header with navigation and the language switch, the main landmark, the footer.
// After every route change the focus moves to the page's heading, so screen readers announce the new page.
import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth/AuthContext';
import { isAssistStaff, isCitizen, isOfficer } from './auth/session';
import { PortalPresence } from '../assist/citizen/PortalPresence';
import { isCatalogReviewer, isCatalogStaff } from '../catalog/roles';
import { LanguageSwitch } from './LanguageSwitch';
import { SessionTimeout } from './auth/SessionTimeout';

export function Layout() {
  const { t } = useTranslation();
  const { principal, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const first = useRef(true);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Wait a frame so the new page has rendered its heading.
    const id = requestAnimationFrame(() => {
      const heading = mainRef.current?.querySelector<HTMLElement>('h1');
      const target = heading ?? mainRef.current;
      if (target) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus();
      }
    });
    return () => cancelAnimationFrame(id);
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand">
            {t('layout.brand')}
          </Link>
          <LanguageSwitch />
          {principal && (
            <div className="user">
              <span>{t('layout.signedInAs', { name: principal.name })}</span>
              <button type="button" className="link-button" onClick={() => void signOut().finally(() => void navigate('/sign-in'))}>
                {t('layout.signOut')}
              </button>
              <button
                type="button"
                className="link-button"
                data-testid="sign-out-everywhere"
                onClick={() => void signOut({ everywhere: true }).finally(() => void navigate('/sign-in'))}
              >
                {t('layout.signOutEverywhere')}
              </button>
            </div>
          )}
        </div>
        {/* The service catalogue is public: the navigation is there for signed-out visitors too. */}
        <nav aria-label={t('layout.nav')} className="container main-nav">
          <ul>
            {isCitizen(principal) && (
              <>
                <li>
                  <NavLink to="/" end>
                    {t('nav.dashboard')}
                  </NavLink>
                </li>
                <li>
                  {/* One search: the citizen's services are the catalogue, e-services marked and started there. */}
                  <NavLink to="/catalog">{t('nav.services')}</NavLink>
                </li>
                <li>
                  <NavLink to="/cases">{t('nav.cases')}</NavLink>
                </li>
                <li>
                  <NavLink to="/invoices">{t('billing.nav.mine')}</NavLink>
                </li>
                <li>
                  <NavLink to="/delegations">{t('delegations.nav')}</NavLink>
                </li>
                <li>
                  <NavLink to="/organisations">{t('organisations.nav')}</NavLink>
                </li>
                <li>
                  <NavLink to="/apps">{t('apps.nav')}</NavLink>
                </li>
              </>
            )}
            {isOfficer(principal) && (
              <li>
                <NavLink to="/officer/tasks">{t('nav.inbox')}</NavLink>
              </li>
            )}
            {isOfficer(principal) && (
              <>
                <li>
                  <NavLink to="/agency/invoices">{t('billing.nav.agencyInvoices')}</NavLink>
                </li>
                <li>
                  <NavLink to="/agency/suspense">{t('billing.nav.suspense')}</NavLink>
                </li>
              </>
            )}
            {isAssistStaff(principal) && (
              <li>
                <NavLink to="/assist">{t('nav.assist')}</NavLink>
              </li>
            )}
            {isCatalogStaff(principal) && (
              <li>
                <NavLink to="/agency/catalog">{t('catalog.nav.mine')}</NavLink>
              </li>
            )}
            {isCatalogReviewer(principal) && (
              <li>
                <NavLink to="/catalog/reviews">{t('catalog.nav.reviews')}</NavLink>
              </li>
            )}
            {isCatalogStaff(principal) && (
              <li>
                <NavLink to="/catalog/stale">{t('catalog.nav.stale')}</NavLink>
              </li>
            )}
            {!isCitizen(principal) && (
              <li>
                <NavLink to="/catalog" end>
                  {t('catalog.nav.catalog')}
                </NavLink>
              </li>
            )}
            {!principal && (
              <li>
                <NavLink to="/sign-in">{t('catalog.nav.signIn')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      </header>
      <SessionTimeout />
      <PortalPresence />
      <main id="main" ref={mainRef} tabIndex={-1} className="container">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">{t('layout.footer')}</div>
      </footer>
    </>
  );
}
