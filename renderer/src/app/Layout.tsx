/**
 * The frame of every signed-in screen, in the MoJ pattern staff know from other case tools: skip
 * link, black MoJ header with the account links, primary navigation for the person's roles, the
 * screen, and the footer.
 */
import type { ReactNode } from 'react';
import { SERVICE_NAME } from '../components/Page';
import { currentItem, navItemsFor } from './screen-access';
import { ROLE_LABELS, useSession } from './session';
import { useRoute } from './router';
import { NotificationsLink } from './NotificationsLink';
import { Crest } from './Crest';
import { BrokerConnectionBanner } from '../broker/BrokerConnectionBanner';

export function SkipLink() {
  return (
    <a
      href="#main-content"
      className="govuk-skip-link"
      onClick={(event) => {
        // The fragment holds the route, so move focus instead of following the link.
        event.preventDefault();
        document.getElementById('main-content')?.focus();
      }}
    >
      Skip to main content
    </a>
  );
}

export function Header({ account }: { account?: ReactNode }) {
  return (
    <header className="moj-header" role="banner">
      <div className="moj-header__container">
        <div className="moj-header__logo">
          <Crest />
          <span className="moj-header__link moj-header__link--organisation-name">Ministry of Justice</span>
          <a className="moj-header__link moj-header__link--service-name" href="#/">
            {SERVICE_NAME}
          </a>
        </div>
        {account ? <div className="moj-header__content">{account}</div> : null}
      </div>
    </header>
  );
}

export function Footer({ demo }: { demo: boolean }) {
  return (
    <footer className="govuk-footer" role="contentinfo">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <p className="govuk-footer__meta-custom">
              {demo
                ? 'Demonstration data: every person, record and member of staff shown here is synthetic.'
                : 'Official – Sensitive. Every request, decision and read is recorded.'}
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}

export function Layout({ children, onLock, onSignOut }: { children: ReactNode; onLock: () => void; onSignOut: () => void }) {
  const { user, demo } = useSession();
  const route = useRoute();
  const items = navItemsFor(user);
  const current = currentItem(items, route.path);
  const roleText = user.roles.map((r) => ROLE_LABELS[r]).join(', ');
  return (
    <>
      <SkipLink />
      <Header
        account={
          <nav className="moj-header__navigation" aria-label="Account navigation">
            <ul className="moj-header__navigation-list">
              <li className="moj-header__navigation-item">
                <span className="rab-header__user" data-testid="signed-in-user">
                  {user.displayName}
                  <span className="govuk-visually-hidden">, {roleText}</span>
                </span>
              </li>
              <li className="moj-header__navigation-item">
                <NotificationsLink current={route.path === '/notifications'} />
              </li>
              <li className="moj-header__navigation-item">
                <button type="button" className="moj-header__navigation-link rab-link-button" onClick={onLock}>
                  Lock
                </button>
              </li>
              <li className="moj-header__navigation-item">
                <button type="button" className="moj-header__navigation-link rab-link-button" onClick={onSignOut}>
                  Sign out
                </button>
              </li>
            </ul>
          </nav>
        }
      />
      <BrokerConnectionBanner />
      <div className="moj-primary-navigation">
        <div className="moj-primary-navigation__container">
          <div className="moj-primary-navigation__nav">
            <nav className="moj-primary-navigation" aria-label="Primary navigation">
              <ul className="moj-primary-navigation__list">
                {items.map((item) => (
                  <li className="moj-primary-navigation__item" key={item.href}>
                    <a className="moj-primary-navigation__link" href={item.href} aria-current={item === current ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </div>
      </div>
      <div className="rab-page">
        <div className="govuk-width-container">
        {demo ? (
          // A labelled region, so the banner sits in a landmark like the rest of the page.
          <div className="govuk-phase-banner" role="region" aria-label="Demonstration">
            <p className="govuk-phase-banner__content">
              <strong className="govuk-tag govuk-phase-banner__content__tag">Demo</strong>
              <span className="govuk-phase-banner__text">
                Signed in as {user.displayName} ({roleText}{user.providerName ? `, ${user.providerName}` : ''}). All data is synthetic.
              </span>
            </p>
          </div>
        ) : null}
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
        </div>
      </div>
      <Footer demo={demo} />
    </>
  );
}
