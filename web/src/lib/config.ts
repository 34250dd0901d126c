/** The deployment's settings, served beside the pages (/config.json): the sign-in origin and client. */
export interface WebConfig {
  authUrl: string;
  clientId: string;
  mailViewer?: string;
}

let loaded: WebConfig | undefined;

export async function loadConfig(): Promise<WebConfig> {
  const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  loaded = (await response.json()) as WebConfig;
  return loaded;
}

export function config(): WebConfig {
  if (!loaded) throw new Error('config.json is not loaded yet');
  return loaded;
}
