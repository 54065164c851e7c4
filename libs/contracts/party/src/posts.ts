import { AreaPath, defineEvent } from '@gov/contracts-core';
import { z } from 'zod';

/** Posts people hold in the community (domain: party-organisation, Post.postType). */
export const PostType = z.enum([
  'SECRETARY',
  'DEPUTY_SECRETARY',
  'COMMITTEE_MEMBER',
  'RC_DIRECTOR',
  'RC_DEPUTY_DIRECTOR',
  'RC_MEMBER',
  'SOCIAL_WORKER',
  'GRID_LEADER',
  'GRID_WORKER',
  'GRID_ASSISTANT',
  'MICRO_GRID_LEADER',
  'RED_PROPERTY_COMMISSIONER',
  'BUILDING_LEADER',
  'SECOND_BUILDING_LEADER',
  'STAIRWELL_LEADER',
  'PARTY_BUILDING_INSTRUCTOR',
  'PART_TIME_COMMITTEE_MEMBER',
]);
export type PostType = z.infer<typeof PostType>;

export const Post = z.object({
  id: z.string().min(1).max(64),
  personId: z.string().min(1).max(64),
  name: z.string().max(64).optional(),
  postType: PostType,
  areaPath: AreaPath.describe('Where the post applies: a community, a grid'),
  buildingId: z.string().max(64).nullable().describe('For building and stairwell leaders: their building'),
});
export type Post = z.infer<typeof Post>;

/**
 * Post registration (posts, cross-holding, 双向进入) is the party service's next slice; these are the facts it
 * will publish. Notifications already keeps a projection of them (role audiences, door-to-door visit lists).
 */
export const PostAssignedEvent = defineEvent({
  subject: 'evt.party.post.assigned.v1',
  description: 'Someone took up a post (building leader, grid worker, RC member…).',
  payload: Post,
});
export const PostEndedEvent = defineEvent({
  subject: 'evt.party.post.ended.v1',
  description: 'Someone left a post.',
  payload: Post,
});
