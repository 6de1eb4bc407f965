// Which event types a webhook subscription's filter takes (SPEC §9): an empty filter takes
// every type; an entry takes its exact type, or as a wildcard `prefix.*` every type that
// starts with `prefix.`. Shared by whoever picks a subscription's events in code (a replay).
export function eventTypeFilterTakes(filter: readonly string[], type: string): boolean {
  if (filter.length === 0) return true;
  return filter.some((entry) => entry === type || (entry.endsWith('.*') && type.startsWith(entry.slice(0, -1))));
}
