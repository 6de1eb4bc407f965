import { emailContent, MAX_SUBJECT_CHARACTERS } from './email-content';
import { emailMessageId, smtpFailure } from './email.sender';

describe('emailContent', () => {
  it('takes the subject from the title, and the parts from the title, summary and message', () => {
    const content = emailContent({ type: 'deal.won', timestamp: '2026-11-25T12:00:00.000Z', data: { title: 'Deal won', summary: 'ACME signed', message: 'Line 1\nLine 2' } });
    expect(content.subject).toBe('Deal won');
    expect(content.text).toBe('Deal won\n\nACME signed\n\nLine 1\nLine 2\n\n— Herald · deal.won · 2026-11-25T12:00:00.000Z');
    expect(content.html).toContain('<h1 style="font-size:18px">Deal won</h1>');
    expect(content.html).toContain('<p>Line 1<br>Line 2</p>');
  });

  it('falls back to the summary, then the type', () => {
    expect(emailContent({ type: 't', data: { summary: 'Disk almost full' } })).toMatchObject({ subject: 'Disk almost full' });
    expect(emailContent({ type: 'invoice.paid', data: { amount: 3 } })).toMatchObject({ subject: 'invoice.paid', text: 'invoice.paid\n\n— Herald · invoice.paid' });
  });

  it('escapes what the event says in the HTML part, and keeps the subject to one short line', () => {
    const content = emailContent({ type: 't', data: { title: '<script>alert("x")</script>\r\nBcc: a@b.c', message: "Tom & Jerry's <b>" } });
    expect(content.html).not.toContain('<script>');
    expect(content.html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(content.html).toContain('Tom &#38; Jerry&#39;s &#60;b&#62;');
    expect(content.subject).toBe('<script>alert("x")</script> Bcc: a@b.c');
    expect(emailContent({ type: 't', data: { title: 'x'.repeat(500) } }).subject).toHaveLength(MAX_SUBJECT_CHARACTERS);
  });
});

describe('smtpFailure', () => {
  it('retries a 4xx reply and fails on a 5xx', () => {
    expect(smtpFailure(Object.assign(new Error('451 try later'), { code: 'EMESSAGE', responseCode: 451 }))).toMatchObject({ outcome: 'retry', status: 451, errorClass: 'smtp_status' });
    expect(smtpFailure(Object.assign(new Error('550 no such user'), { code: 'EENVELOPE', responseCode: 550 }))).toMatchObject({ outcome: 'fail', status: 550, errorClass: 'smtp_status' });
  });

  it('retries an authentication refusal (the configuration, not the message) and any connection trouble', () => {
    expect(smtpFailure(Object.assign(new Error('Invalid login'), { code: 'EAUTH', responseCode: 535 }))).toMatchObject({ outcome: 'retry', status: 535 });
    expect(smtpFailure(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }))).toMatchObject({ outcome: 'retry', errorClass: 'network' });
    expect(smtpFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toMatchObject({ outcome: 'retry', errorClass: 'network' });
  });

  it('fails what nodemailer refuses before sending', () => {
    expect(smtpFailure(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' }))).toMatchObject({ outcome: 'fail', errorClass: 'destination_unavailable' });
  });
});

describe('emailMessageId', () => {
  it('is the same for every attempt of a delivery and valid whatever the delivery id holds', () => {
    const id = emailMessageId('f0e26e86-a036-40ad-b176-d939c7d8d22d:sub_1', 'herald.local');
    expect(id).toBe(emailMessageId('f0e26e86-a036-40ad-b176-d939c7d8d22d:sub_1', 'herald.local'));
    expect(id).toMatch(/^<[0-9a-f]{40}@herald\.local>$/);
    expect(emailMessageId('other', 'herald.local')).not.toBe(id);
  });
});
