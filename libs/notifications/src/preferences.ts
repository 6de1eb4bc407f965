// Notification preferences (SPEC §7, seed 004): per user and optionally per customer, which
// channels, which event types (and on which channels) and which groups they want. A group is
// a notification's scope (`exec`, `ops`, `security`, `finance`): the seed's "notifications
// organized by type", and what the feed filters on. Critical alerts ignore opt-outs for
// `in_app` only. This file is pure: the body's check (400 for a wrong shape, 422 for a name
// the catalog does not know) and the decision "may this user get this on that channel".
import { ALERT_SCOPES, eventSchemaRegistry, MalformedRequestError, UnprocessableError } from '@herald/contracts';

export const PREFERENCE_CHANNELS = ['in_app', 'email', 'sms'] as const;
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];

export interface Preferences {
  channels: Record<PreferenceChannel, boolean>;
  events: Record<string, { enabled: boolean; channels?: PreferenceChannel[] }>;
  groups: Record<string, { enabled: boolean }>;
}

/** What a user gets before they set anything: the feed and email, no SMS (it costs the tenant). */
export const DEFAULT_PREFERENCES: Preferences = { channels: { in_app: true, email: true, sms: false }, events: {}, groups: {} };

/** The notification a preference decision is about. */
export interface PreferenceSubject {
  type: string;
  severity: string;
  scope: string;
}

/** May the user get this notification on this channel? Critical alerts always reach in_app. */
export function allows(preferences: Preferences, subject: PreferenceSubject, channel: PreferenceChannel): boolean {
  if (channel === 'in_app' && subject.severity === 'critical') return true;
  if (!preferences.channels[channel]) return false;
  const event = preferences.events[subject.type];
  if (event && (!event.enabled || (event.channels && !event.channels.includes(channel)))) return false;
  return preferences.groups[subject.scope]?.enabled !== false;
}

type FieldError = { path: string; message: string };

/**
 * The PUT body as preferences. Omitted sections keep their defaults (a PUT replaces the whole
 * document). A wrong JSON type is 400; an unknown channel, event type or group is 422 — each
 * error names its path.
 */
export function parsePreferences(body: unknown): Preferences {
  const malformed: FieldError[] = [];
  const unknown: FieldError[] = [];
  const root = objectAt(body, '', malformed);
  const result: Preferences = { channels: { ...DEFAULT_PREFERENCES.channels }, events: {}, groups: {} };
  if (root) {
    for (const key of Object.keys(root)) {
      if (!['channels', 'events', 'groups'].includes(key)) unknown.push({ path: key, message: 'is not a preference section (channels, events, groups)' });
    }
    const channels = root['channels'] === undefined ? {} : objectAt(root['channels'], 'channels', malformed);
    for (const [name, value] of Object.entries(channels ?? {})) {
      const path = `channels.${name}`;
      if (!isChannel(name)) unknown.push({ path, message: `is not a channel (${PREFERENCE_CHANNELS.join(', ')})` });
      else if (typeof value !== 'boolean') malformed.push({ path, message: 'must be boolean' });
      else result.channels[name] = value;
    }
    const events = root['events'] === undefined ? {} : objectAt(root['events'], 'events', malformed);
    for (const [type, value] of Object.entries(events ?? {})) {
      const path = `events.${type}`;
      if (!eventSchemaRegistry.has(type)) unknown.push({ path, message: 'is not an event type of the catalog' });
      const entry = objectAt(value, path, malformed);
      if (!entry) continue;
      const enabled = entry['enabled'];
      if (typeof enabled !== 'boolean') malformed.push({ path: `${path}.enabled`, message: enabled === undefined ? 'is required' : 'must be boolean' });
      const channelList = entry['channels'];
      let listed: PreferenceChannel[] | undefined;
      if (channelList !== undefined) {
        if (!Array.isArray(channelList)) malformed.push({ path: `${path}.channels`, message: 'must be array' });
        else {
          listed = [];
          channelList.forEach((channel, i) => {
            if (typeof channel !== 'string') malformed.push({ path: `${path}.channels[${i}]`, message: 'must be string' });
            else if (!isChannel(channel)) unknown.push({ path: `${path}.channels[${i}]`, message: `is not a channel (${PREFERENCE_CHANNELS.join(', ')})` });
            else if (!listed?.includes(channel)) listed?.push(channel);
          });
        }
      }
      if (typeof enabled === 'boolean') result.events[type] = listed ? { enabled, channels: listed } : { enabled };
    }
    const groups = root['groups'] === undefined ? {} : objectAt(root['groups'], 'groups', malformed);
    for (const [group, value] of Object.entries(groups ?? {})) {
      const path = `groups.${group}`;
      if (!(ALERT_SCOPES as readonly string[]).includes(group)) unknown.push({ path, message: `is not a group (${ALERT_SCOPES.join(', ')})` });
      const entry = objectAt(value, path, malformed);
      const enabled = entry?.['enabled'];
      if (entry && typeof enabled !== 'boolean') malformed.push({ path: `${path}.enabled`, message: enabled === undefined ? 'is required' : 'must be boolean' });
      else if (entry) result.groups[group] = { enabled: enabled as boolean };
    }
  }
  if (malformed.length) throw new MalformedRequestError('The preferences are invalid', malformed);
  if (unknown.length) throw new UnprocessableError('The preferences name unknown channels, event types or groups', unknown);
  return result;
}

function isChannel(name: string): name is PreferenceChannel {
  return (PREFERENCE_CHANNELS as readonly string[]).includes(name);
}

function objectAt(value: unknown, path: string, errors: FieldError[]): Record<string, unknown> | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  errors.push({ path, message: 'must be object' });
  return undefined;
}
