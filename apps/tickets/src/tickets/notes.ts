import { randomUUID } from 'node:crypto';
import type { Actor, RequestOf } from '@gov/contracts-core';
import { TicketNoteAddedEvent, type AddNoteCommand, type ListNotesQuery, type TicketNote as NoteView } from '@gov/contracts-tickets';
import { EntityManager, forbidden, recordEvent } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { relationsOf } from './authorisation';
import { TicketNote } from './ticket.entity';
import { loadTicket, toView } from './ticket.view';
import type { Relation } from './ticket.rules';

/** Those who work a ticket write notes and see internal ones; the reporter sees the public ones. */
const WORKERS: readonly Relation[] = ['STAFF', 'OWNER', 'SUPERVISOR', 'HANDLER', 'DEPARTMENT'];

function view(note: TicketNote): NoteView {
  return {
    id: note.id,
    ticketId: note.ticketId as NoteView['ticketId'],
    visibility: note.visibility,
    text: note.text,
    authorId: note.authorId,
    at: note.at.toISOString(),
  };
}

/** Progress notes: not lifecycle moves, so they never conflict with work on the ticket. */
@Injectable()
export class TicketNotes {
  constructor(private readonly em: EntityManager) {}

  add(request: RequestOf<typeof AddNoteCommand>, actor: Actor) {
    return this.em.transactional(async (em) => {
      const ticket = await loadTicket(em, request.id);
      const relations = relationsOf(actor, ticket);
      if (!WORKERS.some((relation) => relations.has(relation))) throw forbidden('only those working the ticket write notes');
      const note = em.create(TicketNote, {
        id: randomUUID(),
        ticketId: ticket.id,
        visibility: request.visibility,
        text: request.text,
        authorId: actor.id,
        at: new Date(),
      });
      em.persist(note);
      if (note.visibility === 'PUBLIC') recordEvent(em, TicketNoteAddedEvent, { ticket: toView(ticket), note: view(note) }, { subject: ticket.id });
      return view(note);
    });
  }

  async list(request: RequestOf<typeof ListNotesQuery>, actor: Actor) {
    const ticket = await loadTicket(this.em, request.id);
    const relations = relationsOf(actor, ticket);
    const worker = WORKERS.some((relation) => relations.has(relation));
    if (!worker && !relations.has('REPORTER')) throw forbidden('you may not see this ticket');
    const notes = await this.em.find(
      TicketNote,
      { ticketId: ticket.id, ...(worker ? {} : { visibility: 'PUBLIC' as const }) },
      { orderBy: { at: 'asc', id: 'asc' } },
    );
    return { items: notes.map(view) };
  }
}
