import { SendEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { MailDeliveryError, type MailMessage, type Mailer } from '../domain/ports';

/** SES errors after which the same message may go through later. */
const RETRYABLE = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'RequestTimeout',
  'TimeoutError',
]);

export class SesMailer implements Mailer {
  constructor(private readonly ses: SESClient) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    try {
      const result = await this.ses.send(
        new SendEmailCommand({
          Source: message.from,
          Destination: { ToAddresses: [message.to] },
          Message: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
          },
        }),
      );
      return { messageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      // No HTTP status means SES was never reached (connection refused, DNS, timeout): try again later.
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const retryable = RETRYABLE.has(name) || status === undefined || status >= 500 || status === 429;
      throw new MailDeliveryError(`SES ${name}`, retryable);
    }
  }
}
