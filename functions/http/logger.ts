import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs. Nothing logged may hold personal data, tokens, codes or file names. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'safeguarding-portal' });
