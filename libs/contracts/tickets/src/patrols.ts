import { AreaPath, brandedId, defineCommand } from '@gov/contracts-core';
import { z } from 'zod';
import { Location, TicketId } from './tickets';

export const PatrolId = brandedId('PatrolId');

export const PatrolType = z.enum(['GRID_DAILY', 'VANGUARD_DAY', 'PROPERTY_DAILY', 'NIGHT_SAFETY', 'CARE_VISIT']);

export const Patrol = z.object({
  id: PatrolId,
  type: PatrolType,
  areaPath: AreaPath,
  members: z.array(z.string()),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }),
  findings: z.array(z.object({ title: z.string(), ticketId: TicketId, quickFix: z.boolean() })),
  recordedBy: z.string(),
});

export type Patrol = z.infer<typeof Patrol>;

export const RecordPatrolCommand = defineCommand({
  subject: 'tickets.patrol.record',
  description:
    'Record a patrol or care visit (未诉先办); each finding becomes a ticket, and a quick fix (小事快办) is resolved on the spot.',
  request: z
    .object({
      type: PatrolType,
      areaPath: AreaPath.describe('The grid or community patrolled'),
      members: z.array(z.string().min(1).max(128)).min(1).max(30),
      startedAt: z.iso.datetime({ offset: true }),
      endedAt: z.iso.datetime({ offset: true }),
      findings: z
        .array(
          z.object({
            title: z.string().trim().min(1).max(100),
            description: z.string().trim().min(1).max(2_000),
            location: Location,
            categoryCode: z.string().max(64).optional(),
            quickFix: z.string().trim().min(1).max(500).optional().describe('What was done on the spot, if it was fixed there'),
          }),
        )
        .max(50),
    })
    .refine((r) => Date.parse(r.startedAt) <= Date.parse(r.endedAt), { message: 'a patrol ends after it starts', path: ['endedAt'] })
    .refine((r) => r.findings.every((f) => f.location.areaPath.startsWith(r.areaPath)), {
      message: 'findings lie within the patrolled area',
      path: ['findings'],
    }),
  response: Patrol,
  errors: ['TICKETS.UNKNOWN_CATEGORY'],
});
