// What an email of an event says: a subject, a plain-text part and an HTML part, built from
// the event's `data.title`, `data.summary` and `data.message` (else its type). Every value
// from the event is escaped in the HTML part; the subject is one line.
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Subjects longer than this are cut (mail clients show far less). */
export const MAX_SUBJECT_CHARACTERS = 200;

export function emailContent(event: Record<string, unknown>): EmailContent {
  const data = (event['data'] ?? {}) as Record<string, unknown>;
  const type = String(event['type'] ?? 'notification');
  const [title, summary, message] = ['title', 'summary', 'message'].map((field) => textField(data[field]));
  const heading = title ?? summary ?? type;
  const paragraphs = [summary, message].filter((p): p is string => p !== undefined && p !== heading);
  const footer = `${type}${typeof event['timestamp'] === 'string' ? ` · ${event['timestamp']}` : ''}`;
  return {
    subject: heading.replace(/\s+/g, ' ').trim().slice(0, MAX_SUBJECT_CHARACTERS),
    text: [heading, ...paragraphs, `— Herald · ${footer}`].join('\n\n'),
    html: [
      `<!doctype html><html><body style="font-family:sans-serif">`,
      `<h1 style="font-size:18px">${escapeHtml(heading)}</h1>`,
      ...paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`),
      `<p style="color:#888;font-size:12px">Herald · ${escapeHtml(footer)}</p>`,
      `</body></html>`,
    ].join('\n'),
  };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function textField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}
