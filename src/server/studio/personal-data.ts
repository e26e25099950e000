import { maskPhone } from '../../hotlines';
import { seesPersonalData, type StudioViewer } from './studio-auth';

/**
 * What a viewer (below supervisor) gets instead of a caller's personal data. Free text written by
 * callers (survey comments) is withheld whole, since it can hold anything; text staff or flows
 * wrote (ticket summaries, notes) keeps its words with every run of 5+ digits starred, which
 * covers phone, card and ID numbers typed into it.
 */
export function personalData(viewer: StudioViewer) {
  const sees = seesPersonalData(viewer);
  return {
    sees,
    phone: (raw: string) => (sees ? raw : maskPhone(raw)),
    staffText: (text: string) => (sees ? text : text.replace(/\d(?:[\d\s-]*\d){4,}/g, (run) => '*'.repeat(run.length))),
    callerText: (text: string) => (sees ? text : `*** (${[...text].length})`),
  };
}
