import type { EventContract, PayloadOf, Role } from '@gov/contracts-core';
import {
  AreaClosedEvent,
  AreaCreatedEvent,
  AreaMovedEvent,
  AreaRenamedEvent,
  OrganisationSecretaryChangedEvent,
  PostAssignedEvent,
  PostEndedEvent,
  type PostType,
} from '@gov/contracts-party';
import { HouseholdCreatedEvent, HouseholdRemovedEvent, HouseholdUpdatedEvent, type Household } from '@gov/contracts-property';
import type { ConsumerSpec, EntityManager, EventMeta } from '@gov/platform';
import { deliver, type DeliverySettings } from '../deliveries/deliver';

/** The role a post gives its holder in audiences (domain: party-organisation, postType → actor roles). */
export const ROLE_OF_POST: Record<PostType, Role> = {
  SECRETARY: 'PARTY_SECRETARY',
  DEPUTY_SECRETARY: 'PARTY_SECRETARY',
  COMMITTEE_MEMBER: 'RC_STAFF',
  RC_DIRECTOR: 'RC_STAFF',
  RC_DEPUTY_DIRECTOR: 'RC_STAFF',
  RC_MEMBER: 'RC_STAFF',
  SOCIAL_WORKER: 'RC_STAFF',
  PART_TIME_COMMITTEE_MEMBER: 'RC_STAFF',
  PARTY_BUILDING_INSTRUCTOR: 'RC_STAFF',
  GRID_LEADER: 'GRID_LEADER',
  GRID_WORKER: 'GRID_WORKER',
  GRID_ASSISTANT: 'GRID_WORKER',
  MICRO_GRID_LEADER: 'GRID_WORKER',
  RED_PROPERTY_COMMISSIONER: 'PROPERTY_MANAGER',
  BUILDING_LEADER: 'BUILDING_LEADER',
  STAIRWELL_LEADER: 'BUILDING_LEADER',
  SECOND_BUILDING_LEADER: 'SECOND_BUILDING_LEADER',
};

function on<E extends EventContract>(event: E, handle: (em: EntityManager, payload: PayloadOf<E>, meta: EventMeta) => Promise<void>): ConsumerSpec<EventContract> {
  return { consumer: 'notifications', event, concurrency: 8, handle: handle as ConsumerSpec<EventContract>['handle'] };
}

/** Replaces a household's rows: every member with where they live and how they can be reached. */
async function putHousehold(em: EntityManager, household: Household) {
  await em.execute('delete from resident where household_id = ?', [household.id]);
  for (const member of household.members) {
    await em.execute(
      `insert into resident (household_id, person_id, name, phone, has_account, area_path, estate_id, building_id, stairwell_id, unit_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      [
        household.id,
        member.personId,
        member.name ?? null,
        member.phone ?? null,
        member.hasAccount,
        household.areaPath,
        household.estateId,
        household.buildingId,
        household.stairwellId,
        household.unitId,
      ],
    );
  }
}

/** Rewrites every path under `previous` to lie under `next` (an area moved). */
async function movePaths(em: EntityManager, previous: string, next: string) {
  for (const [table, column] of [
    ['known_area', 'path'],
    ['resident', 'area_path'],
    ['role_holder', 'area_path'],
  ]) {
    await em.execute(`update ${table} set ${column} = ? || substr(${column}, ?) where ${column} like ?`, [next, previous.length + 1, `${previous}%`]);
  }
}

/**
 * Local projections fed by other services' events: areas (party), households (property) and posts (party),
 * from which notice audiences are resolved; a new secretary also hears of the appointment.
 */
export function directoryConsumers(settings: DeliverySettings): ConsumerSpec<EventContract>[] {
  return [
    on(AreaCreatedEvent, async (em, area) => {
      await em.execute('insert into known_area (id, path, name, closed) values (?, ?, ?, false) on conflict (id) do nothing', [area.id, area.path, area.name]);
    }),
    on(AreaRenamedEvent, async (em, area) => {
      await em.execute('update known_area set name = ? where id = ?', [area.name, area.id]);
    }),
    on(AreaMovedEvent, async (em, area) => {
      await movePaths(em, area.previousPath, area.path);
    }),
    on(AreaClosedEvent, async (em, area) => {
      await em.execute('update known_area set closed = true where id = ?', [area.id]);
    }),
    on(HouseholdCreatedEvent, (em, household) => putHousehold(em, household)),
    on(HouseholdUpdatedEvent, (em, household) => putHousehold(em, household)),
    on(HouseholdRemovedEvent, async (em, { id }) => {
      await em.execute('delete from resident where household_id = ?', [id]);
    }),
    on(PostAssignedEvent, async (em, post) => {
      await em.execute(
        `insert into role_holder (post_id, person_id, role, area_path, building_id) values (?, ?, ?, ?, ?)
         on conflict (post_id) do update set person_id = excluded.person_id, role = excluded.role, area_path = excluded.area_path, building_id = excluded.building_id`,
        [post.id, post.personId, ROLE_OF_POST[post.postType], post.areaPath, post.buildingId],
      );
    }),
    on(PostEndedEvent, async (em, post) => {
      await em.execute('delete from role_holder where post_id = ?', [post.id]);
    }),
    on(OrganisationSecretaryChangedEvent, async (em, organisation, meta) => {
      const postId = `secretary:${organisation.id}`;
      await em.execute('delete from role_holder where post_id = ?', [postId]);
      const personId = organisation.secretary?.personId;
      if (!personId) return;
      await em.execute(`insert into role_holder (post_id, person_id, role, area_path, building_id) values (?, ?, 'PARTY_SECRETARY', ?, null)`, [
        postId,
        personId,
        organisation.areaPath,
      ]);
      await deliver(
        em,
        [{ recipientId: personId, type: 'PARTY_SECRETARY_APPOINTED', data: { organisation: organisation.name }, sourceKey: meta.id }],
        settings,
        new Date(),
      );
    }),
  ];
}
