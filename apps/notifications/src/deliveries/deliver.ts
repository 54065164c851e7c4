import { randomUUID } from 'node:crypto';
import type { Channel, Locale, MessageType } from '@gov/contracts-notifications';
import { sqlArray, type EntityManager } from '@gov/platform';
import { CATALOGUE, render } from '../catalogue';
import { Preference } from './delivery.entities';
import { decide, channelsFor, DEFAULT_PREFS, REACHING, type PersonPrefs, type Reach } from './dispatch.rules';

type Data = Record<string, string | number>;

/** One message for one person, before channels, preferences, quiet hours and throttling are applied. */
export interface Outgoing {
  recipientId: string;
  type: MessageType;
  /** The template's data, or a function of the person's locale (notices carry texts per locale). */
  data: Data | ((locale: Locale) => Data);
  /** What caused it (an event id, a notice id): the dedupe key is source × recipient × type × channel. */
  sourceKey: string;
  ticketId?: string | null;
  noticeId?: string | null;
  /** Channels asked for; the type's default channels when absent. */
  channels?: readonly Channel[];
  emergency?: boolean;
  /** What the directory knows; people acting in the system have an account. */
  reach?: Reach;
}

export interface DeliverySettings {
  throttlePerHour: number;
}

export interface DeliveryTally {
  deliveries: number;
  /** Recipients with at least one delivery that reaches them (queued, sent, delivered). */
  reached: Set<string>;
}

export function prefsOf(row: Preference | undefined): PersonPrefs {
  if (!row) return DEFAULT_PREFS;
  return {
    locale: row.locale,
    quietHours: row.quietStart && row.quietEnd ? { start: row.quietStart, end: row.quietEnd } : null,
    channels: row.channels,
    contacts: row.contacts,
  };
}

/**
 * Plans and writes the deliveries of a batch of messages in the caller's transaction: one row per person ×
 * channel with its status, and an inbox message for each in-app delivery. Both inserts are set-based and skip
 * rows whose dedupe key exists, so a redelivered event or a fan-out resumed after a crash adds nothing.
 */
export async function deliver(em: EntityManager, outgoing: readonly Outgoing[], settings: DeliverySettings, now: Date): Promise<DeliveryTally> {
  const tally: DeliveryTally = { deliveries: 0, reached: new Set() };
  if (outgoing.length === 0) return tally;
  const people = [...new Set(outgoing.map((o) => o.recipientId))];
  const prefs = new Map((await em.find(Preference, { personId: { $in: people } })).map((row) => [row.personId, prefsOf(row)]));
  const recent = new Map<string, number>();
  const counted = await em.execute<{ recipient_id: string; message_type: string; channel: string; n: string }[]>(
    `select recipient_id, message_type, channel, count(*) as n from delivery
      where recipient_id = any(?::text[]) and created_at > ? and status = any(?::text[])
      group by recipient_id, message_type, channel`,
    [sqlArray(people), new Date(now.getTime() - 3_600_000), sqlArray(REACHING)],
  );
  for (const row of counted) recent.set(`${row.recipient_id}|${row.message_type}|${row.channel}`, Number(row.n));

  const inbox: string[][] = [[], [], [], [], [], [], [], [], []];
  const rows: (string | null)[][] = Array.from({ length: 15 }, () => []);
  for (const message of outgoing) {
    const person = prefs.get(message.recipientId) ?? DEFAULT_PREFS;
    const data = typeof message.data === 'function' ? message.data(person.locale) : message.data;
    const base = message.channels ?? CATALOGUE[message.type].channels;
    for (const { channel, optedOut } of channelsFor(message.type, base, person)) {
      const key = `${message.recipientId}|${message.type}|${channel}`;
      const decision = decide({
        channel,
        optedOut,
        prefs: person,
        reach: message.reach ?? { hasAccount: true },
        emergency: Boolean(message.emergency),
        sentInWindow: recent.get(key) ?? 0,
        throttlePerHour: settings.throttlePerHour,
        now,
      });
      const text = render(message.type, person.locale, data, channel);
      const dedupeKey = `${message.sourceKey}:${message.recipientId}:${message.type}:${channel}`;
      let inboxId: string | null = null;
      if (decision.status === 'DELIVERED') {
        inboxId = randomUUID();
        const values = [inboxId, message.recipientId, message.type, person.locale, text.title, text.body, message.ticketId ?? null, message.noticeId ?? null, dedupeKey];
        values.forEach((value, column) => inbox[column].push(value as string));
      }
      if (REACHING.includes(decision.status)) {
        recent.set(key, (recent.get(key) ?? 0) + 1);
        tally.reached.add(message.recipientId);
      }
      const values = [
        randomUUID(),
        dedupeKey,
        message.noticeId ?? null,
        message.type,
        message.recipientId,
        channel,
        person.locale,
        text.title.slice(0, 200),
        text.body.slice(0, 2_000),
        decision.address,
        decision.status,
        decision.reason,
        decision.notBefore.toISOString(),
        inboxId,
        // Outbound providers get the template data too (WeChat template messages fill their own fields).
        channel === 'IN_APP' ? null : JSON.stringify(data),
      ];
      values.forEach((value, column) => rows[column].push(value));
      tally.deliveries++;
    }
  }
  if (inbox[0].length > 0) {
    await em.execute(
      `insert into inbox_message (id, recipient_id, type, locale, title, body, ticket_id, notice_id, dedupe_key, created_at)
       select u.*, ?::timestamptz from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[]) as u
       on conflict (dedupe_key) do nothing`,
      [now, ...inbox.map(sqlArray)],
    );
  }
  if (rows[0].length > 0) {
    await em.execute(
      `insert into delivery (id, dedupe_key, notice_id, message_type, recipient_id, channel, locale, title, body, address, status, reason, not_before, inbox_message_id, data, attempts, created_at)
       select u.*, 0, ?::timestamptz
         from unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::uuid[], ?::jsonb[]) as u
       on conflict (dedupe_key) do nothing`,
      [now, ...rows.map(sqlArray)],
    );
  }
  return tally;
}
