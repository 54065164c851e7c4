import type { Channel, DeliveryStatus, Locale, MessageType } from '@gov/contracts-notifications';

/** Asia/Shanghai has no daylight saving: local time is UTC+8 all year. */
const LOCAL_OFFSET_MIN = 8 * 60;
const MINUTE = 60_000;

export interface PersonPrefs {
  locale: Locale;
  quietHours: { start: string; end: string } | null;
  channels: readonly { type: string; channel: string; enabled: boolean }[];
  contacts: { phone?: string; wechatOpenId?: string; email?: string };
}

export const DEFAULT_PREFS: PersonPrefs = { locale: 'zh-CN', quietHours: null, channels: [], contacts: {} };

/** What the directory knows of a recipient besides their own preferences. */
export interface Reach {
  /** Uses an app, so an in-app message reaches them. */
  hasAccount: boolean;
  /** From the estate register. */
  phone?: string | null;
}

export interface Decision {
  channel: Channel;
  status: Extract<DeliveryStatus, 'QUEUED' | 'DELIVERED' | 'THROTTLED' | 'SUPPRESSED'>;
  notBefore: Date;
  address: string | null;
  reason: string | null;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The channels a message goes on: the requested (or the type's default) ones, plus the ones the person added, minus the ones they turned off. */
export function channelsFor(type: MessageType, base: readonly Channel[], prefs: PersonPrefs): { channel: Channel; optedOut: boolean }[] {
  const choices = prefs.channels.filter((choice) => choice.type === type);
  const added = choices.filter((c) => c.enabled).map((c) => c.channel as Channel);
  const all = [...new Set([...base, ...added])];
  return all.map((channel) => ({ channel, optedOut: choices.some((c) => c.channel === channel && !c.enabled) }));
}

/** When quiet hours (local time, possibly across midnight) hold a message sent at `now`, the instant they end; else null. */
export function quietUntil(quiet: PersonPrefs['quietHours'], now: Date): Date | null {
  if (!quiet) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const localMinute = Math.floor((now.getTime() / MINUTE + LOCAL_OFFSET_MIN) % 1_440);
  const inside = start < end ? localMinute >= start && localMinute < end : localMinute >= start || localMinute < end;
  if (!inside) return null;
  const wait = (end - localMinute + 1_440) % 1_440;
  const startOfMinute = Math.floor(now.getTime() / MINUTE) * MINUTE;
  return new Date(startOfMinute + wait * MINUTE);
}

function addressOf(channel: Channel, prefs: PersonPrefs, reach: Reach): string | null | undefined {
  switch (channel) {
    case 'IN_APP':
      return reach.hasAccount ? null : undefined;
    case 'SMS':
      return prefs.contacts.phone ?? reach.phone ?? undefined;
    case 'WECHAT':
      return prefs.contacts.wechatOpenId;
    case 'EMAIL':
      return prefs.contacts.email;
  }
}

/**
 * How one message goes out on one channel. In order: opted out → SUPPRESSED; no address on that channel →
 * SUPPRESSED; over the per-type limit → THROTTLED (not for emergencies); in-app → DELIVERED into the inbox
 * (it is silent, so quiet hours do not hold it); otherwise QUEUED, held until quiet hours end unless emergency.
 */
export function decide(input: {
  channel: Channel;
  optedOut: boolean;
  prefs: PersonPrefs;
  reach: Reach;
  emergency: boolean;
  sentInWindow: number;
  throttlePerHour: number;
  now: Date;
}): Decision {
  const { channel, now } = input;
  const decision = (status: Decision['status'], reason: string | null, address: string | null = null, notBefore = now): Decision => ({
    channel,
    status,
    notBefore,
    address,
    reason,
  });
  if (input.optedOut) return decision('SUPPRESSED', 'OPTED_OUT');
  const address = addressOf(channel, input.prefs, input.reach);
  if (address === undefined) return decision('SUPPRESSED', 'NO_CONTACT');
  if (!input.emergency && input.sentInWindow >= input.throttlePerHour) return decision('THROTTLED', `more than ${input.throttlePerHour} an hour`, address);
  if (channel === 'IN_APP') return decision('DELIVERED', null, address);
  const held = input.emergency ? null : quietUntil(input.prefs.quietHours, now);
  return decision('QUEUED', held ? 'QUIET_HOURS' : null, address, held ?? now);
}

/** Statuses that count as the person having been reached (for door-to-door fallbacks and throttling). */
export const REACHING: readonly DeliveryStatus[] = ['QUEUED', 'SENT', 'DELIVERED', 'READ'];
