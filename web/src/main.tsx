import { render } from 'preact';
import { AgencyApp } from './agency/agency-app';
import { captureLinkToken } from './agency/link-state';
import { loadConfig } from './lib/config';
import { interceptLinks, useLocation } from './lib/router';
import { OfficeApp } from './office/office-app';

/** Two audiences share the site: agency leads under /respond, the business office everywhere else. */
function App() {
  const where = useLocation();
  return where.path === '/respond' || where.path.startsWith('/respond/') ? (
    <AgencyApp where={where} />
  ) : (
    <OfficeApp where={where} />
  );
}

async function start() {
  // First of all: take the link's token out of the address bar.
  captureLinkToken();
  const root = document.getElementById('app') as HTMLElement;
  try {
    await loadConfig();
  } catch {
    root.textContent = 'The portal could not start. Try again in a few minutes.';
    return;
  }
  interceptLinks();
  render(<App />, root);
}

void start();
