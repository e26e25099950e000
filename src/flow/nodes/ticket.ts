import { z } from 'zod';
import { SlugSchema } from '../../hotlines/hotline.schema';
import { defineNode } from './node-kind';
import { base, PromptSchema, TargetSchema } from './common';
import { PrioritySchema } from '../runtime/turn';
import { EVENTS, type ActionRef } from '../compile/state-config';

/** A category of ticket-categories.yaml (checked against it when the flows load). */
export const TicketCategorySchema = SlugSchema;
export type TicketCategory = z.infer<typeof TicketCategorySchema>;

export const TicketNodeSchema = z
  .object({
    type: z.literal('ticket'),
    ...base,
    category: TicketCategorySchema,
    priority: PrioritySchema.default('normal'),
    summary: z.string().optional().describe('A line for the agent; may use {variables}.'),
    announce: z
      .boolean()
      .default(true)
      .describe('Read the ticket number digit by digit and the reply promise (catalogue "ticket.created").'),
    prompt: PromptSchema.optional().describe('What to say once created, instead of "ticket.created".'),
    notify: z.boolean().default(true).describe('Also send the ticket number to the caller by SMS.'),
    next: TargetSchema,
    onError: TargetSchema.optional().describe("Where to go if the ticket could not be created (default: the flow's person node)."),
  })
  .strict();

export const ticketNode = defineNode({
  type: 'ticket',
  schema: TicketNodeSchema,
  summary:
    'Create a ticket (category, priority, SLA due time); the number goes into `ticketId` and its promise into `ticketSlaMinutes`.',
  exits: (n) => [
    { label: 'created', target: n.next, path: ['next'] },
    ...(n.onError ? [{ label: 'error', target: n.onError, path: ['onError'] }] : []),
  ],
  compile: (id, n, ctx) => {
    const announce: ActionRef[] = n.announce ? [{ type: 'say', params: { prompt: ctx.prompt(n.prompt ?? 'ticket.created', ['prompt']) } }] : [];
    const failed = n.onError ? ctx.target(n.onError) : (ctx.globals.human?.target ?? ctx.target(n.next));
    return {
      id: ctx.stateId(id),
      entry: [
        { type: 'visit', params: { node: id } },
        {
          type: 'effect',
          params: {
            kind: 'createTicket',
            args: { category: n.category, priority: n.priority, summary: n.summary ?? '', notify: n.notify },
            withVars: true,
          },
        },
      ],
      on: {
        [EVENTS.effect]: [
          {
            guard: { type: 'effectOk' },
            target: ctx.target(n.next),
            actions: [
              { type: 'storeResult', params: { vars: { ticketId: 'ticketId', ticketSlaMinutes: 'slaMinutes', ticketDue: 'dueAt' } } },
              ...announce,
            ],
          },
          { target: failed, actions: [{ type: 'say', params: { prompt: ctx.prompt('ticket.failed', ['onError']) } }] },
        ],
      },
    };
  },
});
