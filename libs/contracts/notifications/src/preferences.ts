import { defineCommand, defineQuery } from '@gov/contracts-core';
import { z } from 'zod';
import { Channel, Locale, MessageType } from './messages';

const Clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time of day looks like 22:00');

export const QuietHours = z
  .object({ start: Clock, end: Clock })
  .refine((q) => q.start !== q.end, { message: 'quiet hours start and end at different times', path: ['end'] })
  .describe('Local (Asia/Shanghai) times; may span midnight, e.g. 22:00–07:00');

export const ChannelChoice = z.object({ type: MessageType, channel: Channel, enabled: z.boolean() });

export const Contacts = z.object({
  phone: z
    .string()
    .regex(/^\+?[0-9-]{5,20}$/)
    .optional(),
  wechatOpenId: z.string().min(1).max(128).optional(),
  email: z.email().max(200).optional(),
});

export const Preferences = z.object({
  personId: z.string(),
  locale: Locale,
  quietHours: QuietHours.nullable(),
  channels: z.array(ChannelChoice).describe('Choices that differ from each message type’s default channels'),
  contacts: Contacts,
});
export type Preferences = z.infer<typeof Preferences>;

export const GetPreferencesQuery = defineQuery({
  subject: 'notifications.preferences.get',
  description: 'Your language, quiet hours, channel choices per message type and contacts.',
  request: z.object({}),
  response: Preferences,
});

export const SetPreferencesCommand = defineCommand({
  subject: 'notifications.preferences.set',
  description: 'Change your preferences; fields left out stay as they are. Emergencies ignore quiet hours.',
  request: z.object({
    locale: Locale.optional(),
    quietHours: QuietHours.nullable().optional(),
    channels: z.array(ChannelChoice).max(64).optional(),
    contacts: Contacts.optional(),
  }),
  response: Preferences,
});
