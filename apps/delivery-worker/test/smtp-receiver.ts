// A real SMTP server for the email suites (the `smtp-server` package, no TLS, no auth):
// records every message that reaches the end of DATA (envelope and raw MIME) and answers
// it as the test scripts — accept, or an SMTP reply code such as 451 or 550.
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpMessage {
  from: string;
  to: string[];
  /** The message as received (headers and MIME parts). */
  raw: string;
}

export interface SmtpReceiver {
  url: string;
  received: SmtpMessage[];
  close(): Promise<void>;
}

/** What to answer to one message: undefined accepts it (250). */
export type SmtpReply = (message: SmtpMessage, index: number) => { code: number; text: string } | undefined;

/** `port`: listen there (0: any free port), e.g. to come back where a closed receiver was. */
export async function startSmtpReceiver(reply: SmtpReply = () => undefined, port = 0): Promise<SmtpReceiver> {
  const received: SmtpMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // close() drops the clients' open connections (the worker's pool) instead of waiting for them
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = session.envelope;
        const message: SmtpMessage = {
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        const answer = reply(message, received.length);
        received.push(message);
        callback(answer ? Object.assign(new Error(answer.text), { responseCode: answer.code }) : null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The parts of a multipart message by content type, their quoted-printable bodies decoded. */
export function mimeParts(message: SmtpMessage): Record<string, string> {
  const boundary = /boundary="([^"]+)"/.exec(message.raw)?.[1];
  if (!boundary) return {};
  const parts: Record<string, string> = {};
  for (const part of message.raw.split(`--${boundary}`).slice(1, -1)) {
    const [head, ...body] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    const type = /^Content-Type: ([^;\r\n]+)/im.exec(head)?.[1];
    if (type) parts[type.toLowerCase()] = decodeQuotedPrintable(body.join('\n\n')).replace(/\r\n/g, '\n').trim();
  }
  return parts;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
}
