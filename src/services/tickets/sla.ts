import type { TicketCategory } from './ticket.schema';

/**
 * Reply promises per category, from the seeds: a progress reply within 48 hours by default, a
 * 15-minute callback for emergencies (stolen accounts, abnormal funds), 24 hours for ban appeals.
 */
export const SLA_MINUTES: Record<TicketCategory, number> = {
  account: 48 * 60,
  appeal: 24 * 60,
  commerce: 48 * 60,
  emergency: 15,
  complaint: 48 * 60,
  callback: 4 * 60,
  voicemail: 24 * 60,
  other: 48 * 60,
};
