import { Module } from '@nestjs/common';
import { ReadTickets } from './tickets/read-tickets';
import { SubmitTicket } from './tickets/submit-ticket';
import { TicketsHandler } from './tickets/tickets.handler';
import { CLOCK, TransitionTicket, type Clock } from './tickets/transition-ticket';

const systemClock: Clock = { now: () => new Date() };

@Module({
  controllers: [TicketsHandler],
  providers: [SubmitTicket, TransitionTicket, ReadTickets, { provide: CLOCK, useValue: systemClock }],
})
export class TicketsModule {}
