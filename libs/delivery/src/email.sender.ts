// The email channel (SPEC §8): nodemailer over SMTP_URL through a pool of kept-open
// connections (the SMTP server is one destination: at most DELIVERY_DESTINATION_CONCURRENCY
// of them), from EMAIL_FROM, with a text and an HTML part (email-content.ts). Every attempt
// of one delivery carries the same `Message-ID` and `X-Herald-Delivery-Id`, so a receiver or
// relay that deduplicates keeps one copy of a retried message. SMTP reply codes map to the
// worker's outcomes: 2xx success, 4xx retry, 5xx fail (an authentication refusal retries: it is
// the operator's configuration, not the message); no reply (refused, reset or dropped
// connection, timeout) retries. Without SMTP_URL the sender is not configured and the channel
// is not registered (docs/decisions.md, "Email and analytics").
import { createHash } from 'node:crypto';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { ChannelResponse, ChannelSender, DeliveryJob, SendContext } from './channel-sender';
import { emailContent } from './email-content';

@Injectable()
export class EmailSender implements ChannelSender, OnModuleDestroy {
  readonly channel = 'email' as const;
  readonly configured: boolean;
  private readonly transport?: Transporter<SMTPPool.SentMessageInfo>;
  private readonly from: string;
  private readonly messageIdDomain: string;

  constructor(@Inject(HERALD_CONFIG) config: HeraldConfig) {
    this.configured = config.smtpUrl !== undefined;
    this.from = config.emailFrom;
    this.messageIdDomain = /@([^>\s]+)>?$/.exec(config.emailFrom)?.[1] ?? 'herald.local';
    if (config.smtpUrl) {
      const timeout = config.deliveryAttemptTimeoutMs;
      this.transport = createTransport(
        new SMTPPool({ pool: true, url: config.smtpUrl, maxConnections: config.deliveryDestinationConcurrency, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout }),
      );
    }
  }

  async send(job: DeliveryJob, { signal }: SendContext): Promise<ChannelResponse> {
    // not reached while SMTP_URL is unset: the channel is not registered then
    if (!this.transport) return { outcome: 'fail', errorClass: 'destination_unavailable', responseBody: 'SMTP_URL is not set' };
    const message: SendMailOptions = {
      from: this.from,
      to: job.destination,
      ...emailContent(job.payload),
      messageId: emailMessageId(job.deliveryId, this.messageIdDomain),
      headers: { 'X-Herald-Delivery-Id': job.deliveryId, 'X-Herald-Event-Id': job.eventId },
    };
    try {
      const info = await untilAborted(this.transport.sendMail(message), signal);
      return { outcome: 'success', status: replyCode(info.response) ?? 250, responseBody: info.response };
    } catch (err) {
      // the pool may still finish that send: the retry carries the same Message-ID
      if (signal.aborted) return { outcome: 'retry', errorClass: 'timeout' };
      return smtpFailure(err);
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}

/** `<hash@domain>`: the delivery id may hold characters a Message-ID may not (`:`). */
export function emailMessageId(deliveryId: string, domain: string): string {
  return `<${createHash('sha256').update(deliveryId).digest('hex').slice(0, 40)}@${domain}>`;
}

/** A failed send by its SMTP reply code, or by nodemailer's error code when no reply came. */
export function smtpFailure(err: unknown): ChannelResponse {
  const { responseCode, code, message } = err as { responseCode?: number; code?: string; message?: string };
  if (typeof responseCode === 'number') {
    const permanent = responseCode >= 500 && responseCode < 600 && code !== 'EAUTH';
    return { outcome: permanent ? 'fail' : 'retry', status: responseCode, errorClass: 'smtp_status', responseBody: message };
  }
  // refused by nodemailer before any server saw it (an address it cannot use, an unreadable message): waiting will not help
  if (code === 'EENVELOPE' || code === 'EMESSAGE') return { outcome: 'fail', errorClass: 'destination_unavailable', responseBody: message };
  return { outcome: 'retry', errorClass: 'network', responseBody: message };
}

function replyCode(response: string | undefined): number | undefined {
  const code = /^\d{3}/.exec(response ?? '')?.[0];
  return code ? Number(code) : undefined;
}

/** `work`, or a rejection as soon as `signal` fires (nodemailer takes no AbortSignal). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
