import { eventTypeFilterTakes } from './event-type-filter';

describe('eventTypeFilterTakes', () => {
  it('takes every type with an empty filter', () => {
    expect(eventTypeFilterTakes([], 'lead.converted')).toBe(true);
  });

  it('takes an exact type and nothing that merely shares its start', () => {
    expect(eventTypeFilterTakes(['lead.converted'], 'lead.converted')).toBe(true);
    expect(eventTypeFilterTakes(['lead.converted'], 'lead.converted.v2')).toBe(false);
    expect(eventTypeFilterTakes(['lead.converted'], 'review.created')).toBe(false);
  });

  it('takes the types under a wildcard prefix, dot included', () => {
    expect(eventTypeFilterTakes(['lead.*'], 'lead.converted')).toBe(true);
    expect(eventTypeFilterTakes(['lead.*'], 'leadership.changed')).toBe(false);
    expect(eventTypeFilterTakes(['lead.*'], 'lead')).toBe(false);
    expect(eventTypeFilterTakes(['review.created', 'lead.*'], 'lead.lost')).toBe(true);
  });
});
