// The page frame: skip link, header with navigation and the language switch, the main landmark, the footer.
// After every route change the focus moves to the page's heading, so screen readers announce the new page (pages load
// lazily: the focus waits until the heading is there). On a narrow screen the navigation folds behind a menu button.
import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth/AuthContext';
import { isAssistStaff, isCitizen, isOfficer } from './auth/session';
import { PortalPresence } from '../assist/citizen/PortalPresence';
import { isCatalogReviewer, isCatalogStaff } from '../catalog/roles';
import { LanguageSwitch } from './LanguageSwitch';
import { SessionTimeout } from './auth/SessionTimeout';
import { useStackedTables } from './components/useStackedTables';

export function Layout() {
  const { t } = useTranslation();
  const { principal, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const first = useRef(true);
  const mainRef = useRef<HTMLElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  useStackedTables(mainRef);

  useEffect(() => {
    setMenuOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    return focusHeadingWhenShown(mainRef.current);
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
        <nav
          aria-label={t('layout.nav')}
          className={`container main-nav${menuOpen ? ' open' : ''}`}
          onKeyDown={(event) => {
            // Escape folds the open menu and gives the focus back to its button.
            if (event.key === 'Escape' && menuOpen) {
              setMenuOpen(false);
              menuButtonRef.current?.focus();
            }
          }}
        >
          <button
            ref={menuButtonRef}
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-nav-list"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('layout.menu')}
          </button>
          <ul id="main-nav-list">
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
                  <NavLink to="/history">{t('timeline.nav')}</NavLink>
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
                <li>
                  <NavLink to="/my-data">{t('registerData.nav')}</NavLink>
                  <NavLink to="/profile">{t('profile.nav')}</NavLink>
                  <NavLink to="/my-data/use">{t('dataUse.nav')}</NavLink>
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
                <li>
                  <NavLink to="/officer/clients">{t('timeline.officer.nav')}</NavLink>
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
        <Suspense
          fallback={
            <p role="status" className="muted">
              {t('layout.loading')}
            </p>
          }
        >
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container">{t('layout.footer')}</div>
      </footer>
    </>
  );
}

/**
 * Moves the focus to the new page's heading (or the main landmark) once it is rendered: at once for a page already
 * loaded, else when its chunk has arrived (watched for up to 10 s). Returns the clean-up.
 */
function focusHeadingWhenShown(main: HTMLElement | null): (() => void) | undefined {
  if (!main) return undefined;
  const focus = (target: HTMLElement) => {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  };
  let observer: MutationObserver | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    observer?.disconnect();
    clearTimeout(timer);
  };
  const frame = requestAnimationFrame(() => {
    const heading = main.querySelector<HTMLElement>('h1');
    if (heading) {
      focus(heading);
      return;
    }
    observer = new MutationObserver(() => {
      const shown = main.querySelector<HTMLElement>('h1');
      if (shown) {
        stop();
        focus(shown);
      }
    });
    observer.observe(main, { childList: true, subtree: true });
    timer = setTimeout(() => {
      stop();
      if (document.activeElement === document.body || document.activeElement === null) focus(main);
    }, 10_000);
  });
  return () => {
    cancelAnimationFrame(frame);
    stop();
  };
}
