import { TopologyNames } from './topology';

describe('TopologyNames', () => {
  it('prefixes every exchange and queue so suites can share a broker', () => {
    const names = new TopologyNames('t.abc.');
    expect(names.exchange('herald.events')).toBe('t.abc.herald.events');
    expect(names.queue('notifications.events')).toBe('t.abc.notifications.events');
    expect(names.delayQueue('notifications.events', 1)).toBe('t.abc.notifications.events.delay.1');
    expect(names.deadLetterQueue()).toBe('t.abc.herald.dead-letter');
  });

  it('uses the plain SPEC names without a prefix', () => {
    expect(new TopologyNames('').exchange('herald.deliveries')).toBe('herald.deliveries');
  });
});
