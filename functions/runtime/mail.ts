import { SESClient } from '@aws-sdk/client-ses';
import { SesMailer } from '../adapters/ses-mailer';
import type { PortalDeps } from '../domain/ports';

/** E-mail through SES, for the functions granted it (lib/function-access.ts). */
const ses = new SESClient({});

export const withMail = (base: PortalDeps): PortalDeps => ({ ...base, mailer: new SesMailer(ses) });
