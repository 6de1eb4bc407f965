import { MAX_SMS_CHARACTERS, smsText } from './sms.sender';

describe('smsText', () => {
  it("takes the event's message, text, summary or title, in that order, else its type", () => {
    expect(smsText({ type: 't', data: { title: 'Title', summary: 'Summary' } })).toBe('Summary');
    expect(smsText({ type: 't', data: { message: 'Hello', summary: 'Summary' } })).toBe('Hello');
    expect(smsText({ type: 'invoice.paid', data: { amount: 3 } })).toBe('invoice.paid');
  });

  it('cuts a long text', () => {
    expect(smsText({ type: 't', data: { message: 'x'.repeat(5000) } })).toHaveLength(MAX_SMS_CHARACTERS);
  });
});
