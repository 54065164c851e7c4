import { Module } from '@nestjs/common';
import { CalendarHandler } from './calendar/calendar.handler';
import { Catalogue } from './catalogue/catalogue';
import { CatalogueHandler } from './catalogue/catalogue.handler';
import { DistrictCalendars } from './calendar/calendar';
import { HotlineMirror } from './hotline/hotline';
import { HotlineHandler } from './hotline/hotline.handler';
import { TicketKpis } from './kpis/ticket-kpis';
import { CareSchedules } from './care/care';
import { CareHandler } from './care/care.handler';
import { RecordPatrol } from './patrols/patrols';
import { PatrolsHandler } from './patrols/patrols.handler';
import { SlaSweeper } from './sla/sla-sweeper';
import { DutyRosters } from './tickets/duty';
import { TicketNotes } from './tickets/notes';
import { ReadTickets } from './tickets/read-tickets';
import { SubmitTicket } from './tickets/submit-ticket';
import { TicketsHandler } from './tickets/tickets.handler';
import { CLOCK, TransitionTicket, type Clock } from './tickets/transition-ticket';

@Module({
  controllers: [TicketsHandler, CalendarHandler, CatalogueHandler, HotlineHandler, PatrolsHandler, CareHandler],
  providers: [CareSchedules, TicketNotes, RecordPatrol, DutyRosters, HotlineMirror, TicketKpis, Catalogue, SubmitTicket, TransitionTicket, ReadTickets, DistrictCalendars, SlaSweeper, { provide: CLOCK, useFactory: (): Clock => ({ now: () => new Date() }) }],
})
export class TicketsModule {}
