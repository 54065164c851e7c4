import type { Actor, RequestOf } from '@gov/contracts-core';
import {
  GetPreferencesQuery,
  SetPreferencesCommand,
  type Preferences as PreferencesView,
} from '@gov/contracts-notifications';
import { EntityManager, forbidden, Handles, type Call } from '@gov/platform';
import { LockMode } from '@mikro-orm/core';
import { Controller, Injectable } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Preference } from '../deliveries/delivery.entities';
import { prefsOf } from '../deliveries/deliver';

/** A person's own preferences; nobody reads or sets anyone else's. */
@Injectable()
export class Preferences {
  constructor(private readonly em: EntityManager) {}

  private me(actor: Actor) {
    if (actor.kind !== 'user' || actor.roles.length === 0) throw forbidden('preferences belong to a person');
    return actor.id;
  }

  async get(actor: Actor): Promise<PreferencesView> {
    const personId = this.me(actor);
    return view(personId, await this.em.findOne(Preference, { personId }));
  }

  set(request: RequestOf<typeof SetPreferencesCommand>, actor: Actor): Promise<PreferencesView> {
    const personId = this.me(actor);
    return this.em.transactional(async (em) => {
      const row =
        (await em.findOne(Preference, { personId }, { lockMode: LockMode.PESSIMISTIC_WRITE })) ??
        em.create(Preference, { personId, locale: 'zh-CN', quietStart: null, quietEnd: null, channels: [], contacts: {}, updatedAt: new Date() });
      if (request.locale) row.locale = request.locale;
      if (request.quietHours !== undefined) {
        row.quietStart = request.quietHours?.start ?? null;
        row.quietEnd = request.quietHours?.end ?? null;
      }
      if (request.channels) {
        // Later choices for the same type and channel win.
        const merged = new Map(row.channels.map((c) => [`${c.type}|${c.channel}`, c]));
        for (const choice of request.channels) merged.set(`${choice.type}|${choice.channel}`, choice);
        row.channels = [...merged.values()];
      }
      if (request.contacts) row.contacts = { ...row.contacts, ...request.contacts };
      row.updatedAt = new Date();
      em.persist(row);
      return view(personId, row);
    });
  }
}

function view(personId: string, row: Preference | null): PreferencesView {
  const prefs = prefsOf(row ?? undefined);
  return {
    personId,
    locale: prefs.locale,
    quietHours: prefs.quietHours,
    channels: prefs.channels as PreferencesView['channels'],
    contacts: prefs.contacts,
  };
}

@Controller()
export class PreferencesHandler {
  constructor(private readonly preferences: Preferences) {}

  @Handles(GetPreferencesQuery)
  get(@Payload() _request: RequestOf<typeof GetPreferencesQuery>, @Ctx() call: Call) {
    return this.preferences.get(call.actor);
  }

  @Handles(SetPreferencesCommand)
  set(@Payload() request: RequestOf<typeof SetPreferencesCommand>, @Ctx() call: Call) {
    return this.preferences.set(request, call.actor);
  }
}
