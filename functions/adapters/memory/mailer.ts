import { MailDeliveryError, type MailMessage, type Mailer } from '../../domain/ports';

/** Records every message instead of sending it; `failWith` makes the next sends fail, as an outage would. */
export class MemoryMailer implements Mailer {
  readonly sent: (MailMessage & { messageId: string })[] = [];
  failWith: MailDeliveryError | undefined;
  private count = 0;

  async send(message: MailMessage): Promise<{ messageId: string }> {
    if (this.failWith) throw this.failWith;
    this.count += 1;
    const messageId = `memory-${this.count}`;
    this.sent.push({ ...message, messageId });
    return { messageId };
  }

  /** A retryable outage until it is cleared with `failWith = undefined`. */
  outage(): void {
    this.failWith = new MailDeliveryError('SES ServiceUnavailable', true);
  }
}
