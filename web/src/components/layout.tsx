import type { ComponentChildren } from 'preact';
import { SERVICE_NAME } from './page';

export interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

interface LayoutProps {
  /** Where the service name links to. */
  home: string;
  /** The partnership (office) or agency and partnership (agency lead), once known. */
  who?: string | undefined;
  nav?: NavItem[];
  onSignOut?: (() => void) | undefined;
  /** The business office's pages: wider, for the grids of requests and cases (the agency's stay at reading width). */
  wide?: boolean;
  children: ComponentChildren;
}

/** Skip link, our own header (no crown: this is not a gov.uk service), navigation, main and footer. */
export function Layout({ home, who, nav, onSignOut, wide = false, children }: LayoutProps) {
  const container = `govuk-width-container${wide ? ' app-width-container--wide' : ''}`;
  return (
    <>
      <a
        href="#main-content"
        class="govuk-skip-link"
        onClick={(event) => {
          // Focus main without changing the URL (the agency page must never carry a fragment again).
          event.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        Skip to main content
      </a>
      <header class="app-header">
        <div class={`${container} app-header__container`}>
          <div>
            <a href={home} class="app-header__service">
              {SERVICE_NAME}
            </a>
            {who && <span class="app-header__partnership">{who}</span>}
          </div>
          {onSignOut && (
            <div class="app-header__actions">
              <button type="button" class="app-link-button" onClick={onSignOut}>
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      {nav && nav.length > 0 && (
        <div class="govuk-service-navigation">
          <div class={container}>
            <div class="govuk-service-navigation__container">
              <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                <ul class="govuk-service-navigation__list">
                  {nav.map((item) => (
                    <li
                      class={`govuk-service-navigation__item${item.current ? ' govuk-service-navigation__item--active' : ''}`}
                      key={item.href}
                    >
                      <a
                        class="govuk-service-navigation__link"
                        href={item.href}
                        aria-current={item.current ? 'page' : undefined}
                      >
                        {item.current ? (
                          <strong class="govuk-service-navigation__active-fallback">{item.label}</strong>
                        ) : (
                          item.label
                        )}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
          </div>
        </div>
      )}
      <div class={container}>
        <main class="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer class="govuk-footer app-footer">
        <div class={container}>
          <p class="govuk-body-s">
            {SERVICE_NAME}: collecting agency returns for Rapid Reviews and Child Safeguarding Practice Reviews.
            Information here is shared under the safeguarding information-sharing principles: share only what is needed,
            securely, and record why.
          </p>
        </div>
      </footer>
    </>
  );
}
