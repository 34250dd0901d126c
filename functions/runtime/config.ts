import * as z from 'zod/mini';

/**
 * Configuration comes from the environment, is read once per process and fails fast: a function
 * that lacks a setting must not start, rather than fail half way through a request.
 * zod's mini API, because every function loads this: a function with no request body to validate then
 * carries 18 kB of zod rather than 85 kB (ADR 0014).
 */
const ConfigSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  DOCUMENTS_BUCKET: z.string().check(z.minLength(1)),
  MAIL_FROM: z.email(),
  WEB_BASE_URL: z.url({ protocol: /^https?$/ }),
  STAFF_ISSUER: z.url(),
  STAFF_JWKS_URI: z.url(),
  STAFF_CLIENT_ID: z.string().check(z.minLength(1)),
  /** Which malware scanner releases uploads: GuardDuty's tags in AWS, the EICAR-detecting scanner locally. */
  MALWARE_SCANNER: z.enum(['guardduty', 'local-eicar']),
  /** s3rver and other emulators only understand path-style addressing. */
  S3_FORCE_PATH_STYLE: z._default(z.enum(['true', 'false']), 'false'),
});

export type Config = {
  tableName: string;
  documentsBucket: string;
  mailFrom: string;
  webBaseUrl: string;
  staff: { issuer: string; jwksUri: string; clientId: string };
  s3ForcePathStyle: boolean;
  malwareScanner: 'guardduty' | 'local-eicar';
};

let cached: Config | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Configuration is missing or invalid: ${missing}`);
  }
  const e = parsed.data;
  return {
    tableName: e.TABLE_NAME,
    documentsBucket: e.DOCUMENTS_BUCKET,
    mailFrom: e.MAIL_FROM,
    webBaseUrl: e.WEB_BASE_URL.replace(/\/+$/, ''),
    staff: { issuer: e.STAFF_ISSUER, jwksUri: e.STAFF_JWKS_URI, clientId: e.STAFF_CLIENT_ID },
    s3ForcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
    malwareScanner: e.MALWARE_SCANNER,
  };
}

/** The process-wide configuration, validated on first use. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
