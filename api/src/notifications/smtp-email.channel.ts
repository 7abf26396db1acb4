import { createTransport, type Transporter } from 'nodemailer';
import type { ChannelReceipt, NotificationChannelAdapter, OutgoingMessage } from './notification-channel';

/** RFC 5322 ids allow only atext around the '@'; the dedupe key's ':' and the like become '.'. */
function emailMessageId(messageId: string, domain = 'notifications.complaints.local'): string {
  return `<${messageId.replace(/[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/g, '.')}@${domain}>`;
}

/** Email over SMTP (nodemailer). The dedupe key travels as the Message-ID, so a resent copy is recognisable. */
export class SmtpEmailChannel implements NotificationChannelAdapter {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    timeoutMs = 10_000,
  ) {
    this.transport = createTransport(smtpUrl, {});
    Object.assign(this.transport.options, { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  }

  async send(message: OutgoingMessage): Promise<ChannelReceipt> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject ?? '',
      text: message.body,
      messageId: emailMessageId(message.messageId),
      headers: { 'X-Complaints-Notification': message.kind, 'Content-Language': message.locale },
    });
    return { status: 'sent', providerResponse: String(info.response ?? '') };
  }

  close(): void {
    this.transport.close();
  }
}
