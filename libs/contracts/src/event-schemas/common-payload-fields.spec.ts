// The common payload fields read off a payload through the same fragments the schemas use.
import { commonPayloadFields, CommonPayloadFields } from './common-payload-fields';

describe('commonPayloadFields', () => {
  it('picks severity, customer_id, title and summary and nothing else', () => {
    const payload = { severity: 'high', customer_id: 'c1', title: 'Bounce spike', summary: 'Bounces at 8 %.', impact_amount: 3 };
    const fields: CommonPayloadFields = commonPayloadFields(payload);
    expect(fields).toEqual({ severity: 'high', customer_id: 'c1', title: 'Bounce spike', summary: 'Bounces at 8 %.' });
  });

  it('leaves out a field that does not match its fragment (a payload no schema checked)', () => {
    expect(commonPayloadFields({ severity: 'urgent', customer_id: 7, title: '', summary: 'x'.repeat(501) })).toEqual({});
  });
});
