import { HeraldError } from '@herald/contracts';
import { allows, DEFAULT_PREFERENCES, parsePreferences, Preferences } from './preferences';

function refusal(body: unknown): { status: number; paths: string[] } {
  try {
    parsePreferences(body);
  } catch (err) {
    const e = err as HeraldError;
    return { status: e.status, paths: ((e.details as { errors: Array<{ path: string }> }).errors ?? []).map((x) => x.path) };
  }
  throw new Error('accepted');
}

describe('preferences', () => {
  it('fills omitted sections with the defaults', () => {
    expect(parsePreferences({})).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences({ channels: { sms: true } }).channels).toEqual({ in_app: true, email: true, sms: true });
  });

  it('keeps per-event switches and channel lists (deduplicated) and per-group switches', () => {
    const prefs = parsePreferences({
      events: { 'review.created': { enabled: true, channels: ['email', 'email'] }, revenue_impact: { enabled: false } },
      groups: { finance: { enabled: false } },
    });
    expect(prefs.events).toEqual({ 'review.created': { enabled: true, channels: ['email'] }, revenue_impact: { enabled: false } });
    expect(prefs.groups).toEqual({ finance: { enabled: false } });
  });

  it('answers 400 naming the path of a wrong JSON type', () => {
    expect(refusal([])).toEqual({ status: 400, paths: [''] });
    expect(refusal({ channels: { email: 'yes' } })).toEqual({ status: 400, paths: ['channels.email'] });
    expect(refusal({ events: { revenue_impact: { channels: 'email' } } })).toEqual({ status: 400, paths: ['events.revenue_impact.enabled', 'events.revenue_impact.channels'] });
    expect(refusal({ groups: { ops: true } })).toEqual({ status: 400, paths: ['groups.ops'] });
  });

  it('answers 422 naming an unknown channel, event type, group or section', () => {
    expect(refusal({ channels: { pigeon: true } })).toEqual({ status: 422, paths: ['channels.pigeon'] });
    expect(refusal({ events: { 'no.such': { enabled: true } } })).toEqual({ status: 422, paths: ['events.no.such'] });
    expect(refusal({ events: { revenue_impact: { enabled: true, channels: ['fax'] } } })).toEqual({ status: 422, paths: ['events.revenue_impact.channels[0]'] });
    expect(refusal({ groups: { marketing: { enabled: false } } })).toEqual({ status: 422, paths: ['groups.marketing'] });
    expect(refusal({ colours: {} })).toEqual({ status: 422, paths: ['colours'] });
  });

  it('decides per channel, event type and group; critical alerts always reach in_app', () => {
    const prefs: Preferences = {
      channels: { in_app: false, email: true, sms: true },
      events: { 'review.created': { enabled: true, channels: ['sms'] }, revenue_impact: { enabled: false } },
      groups: { finance: { enabled: false } },
    };
    const review = { type: 'review.created', severity: 'low', scope: 'ops' };
    expect(allows(prefs, review, 'in_app')).toBe(false);
    expect(allows(prefs, review, 'email')).toBe(false);
    expect(allows(prefs, review, 'sms')).toBe(true);
    expect(allows(prefs, { type: 'revenue_impact', severity: 'high', scope: 'exec' }, 'email')).toBe(false);
    expect(allows(prefs, { type: 'cost_optimization', severity: 'low', scope: 'finance' }, 'email')).toBe(false);
    expect(allows(prefs, { type: 'revenue_impact', severity: 'critical', scope: 'finance' }, 'in_app')).toBe(true);
    expect(allows(prefs, { type: 'revenue_impact', severity: 'critical', scope: 'finance' }, 'email')).toBe(false);
    expect(allows(DEFAULT_PREFERENCES, review, 'sms')).toBe(false);
  });
});
