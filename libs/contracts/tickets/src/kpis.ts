import { AreaPath, defineQuery } from '@gov/contracts-core';
import { z } from 'zod';

const Stat = z.object({ mean: z.number().nullable(), p90: z.number().nullable(), count: z.number().int() });

export const KpiReport = z.object({
  areaPath: AreaPath,
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  byCategory: z.record(z.string(), z.number().int()),
  byChannel: z.record(z.string(), z.number().int()),
  onTimeRateByLevel: z.record(z.string(), z.number().nullable()).describe('Share of resolved tickets that met every deadline'),
  minutesToAcknowledge: Stat,
  hoursToResolve: Stat,
  satisfaction: z.object({ meanScore: z.number().nullable(), fixedShare: z.number().nullable(), rated: z.number().int() }),
  reopenRate: z.number().nullable().describe('Share of resolved tickets reopened at least once'),
  closedLoopRate: z.number().nullable().describe('Share of accepted tickets resolved and then rated or closed'),
  proactiveShare: z.number().nullable().describe('Share found before any complaint (未诉先办)'),
  hotlineByMonth: z.record(z.string(), z.number().int()).describe('12345 tickets per month (Asia/Shanghai)'),
});
export type KpiReport = z.infer<typeof KpiReport>;

export const TicketKpisQuery = defineQuery({
  subject: 'tickets.kpi.report',
  description: 'Ticket KPIs over an area subtree and a period (by report time).',
  request: z
    .object({
      areaPath: AreaPath,
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
    })
    .refine((r) => Date.parse(r.from) < Date.parse(r.to), { message: 'from must be before to', path: ['to'] })
    .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 366 * 86_400_000, { message: 'at most a year at a time', path: ['to'] }),
  response: KpiReport,
});
