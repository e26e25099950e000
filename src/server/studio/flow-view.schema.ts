import { z } from 'zod';
import { LanguageSchema } from '../../flow/schema/prompt.schema';

/**
 * What the studio's flows page reads (GET /studio/api/flows and /flows/:id): one flow of the
 * working draft as the boxes and arrows of `ivr diagram`, each node with what a caller hears and
 * where it is written, the draft's validation errors on the nodes they concern, and what changed
 * since the published flows. Shared by the server and the front end (`import type`).
 */
const PerLanguage = <T extends z.ZodType>(t: T) => z.partialRecord(LanguageSchema, t);

export const ViewDiagnosticSchema = z.object({ file: z.string(), line: z.number(), col: z.number(), message: z.string(), node: z.string().optional() });

/** One prompt field of a node (`prompt`, `text`, `noInput 2`…): its catalogue keys and the words per language. */
export const ViewPromptSchema = z.object({ field: z.string(), keys: z.array(z.string()), words: PerLanguage(z.string()) });

export const ViewOptionSchema = z.object({ key: z.string(), to: z.string(), say: PerLanguage(z.array(z.string())), label: PerLanguage(z.string()).optional() });

export const ViewArrowSchema = z.object({ from: z.string(), to: z.string(), label: z.string(), style: z.enum(['normal', 'failure', 'implicit']) });

/** Since the published flows: a node that is new, or changed (itself or a catalogue text it says). */
/** A flow's change since the published flows, as the release desk words it ('layout': comments only). */
export const FlowChangeSchema = z.enum(['added', 'changed', 'layout', 'same', 'removed']);

export const DiffMarkSchema = z.enum(['added', 'changed']);

export const ViewNodeSchema = z.object({
  id: z.string(),
  type: z.string(),
  /** The box's kind in `ivr diagram` (decides its colour) and its one-line summary. */
  kind: z.string(),
  detail: z.string(),
  /** The flow a subflow node calls. */
  calls: z.string().optional(),
  file: z.string(),
  line: z.number(),
  prompts: z.array(ViewPromptSchema),
  options: z.array(ViewOptionSchema),
  exits: z.array(ViewArrowSchema),
  diagnostics: z.array(ViewDiagnosticSchema),
  diff: DiffMarkSchema.optional(),
});

export const FlowViewSchema = z.object({
  id: z.string(),
  file: z.string(),
  start: z.string().optional(),
  languages: z.array(LanguageSchema),
  nodes: z.array(ViewNodeSchema),
  arrows: z.array(ViewArrowSchema),
  /** The draft's diagnostics in this flow's file that concern no node, and the project's elsewhere. */
  diagnostics: z.array(ViewDiagnosticSchema),
  /** What the draft is compared with: the active release, or the flows the server started with. */
  baseline: z.enum(['release', 'start']),
  change: FlowChangeSchema,
  /** Nodes the published flow has and the draft no longer does. */
  removed: z.array(z.string()),
});

export const FlowSummarySchema = z.object({
  id: z.string(),
  file: z.string(),
  description: z.string().optional(),
  /** Hotlines that start calls on this flow (or after hours). */
  hotlines: z.array(z.string()),
  errors: z.number(),
  change: FlowChangeSchema,
});
export const FlowListSchema = z.object({ flows: z.array(FlowSummarySchema), errors: z.number(), baseline: z.enum(['release', 'start']) });

export type ViewDiagnostic = z.infer<typeof ViewDiagnosticSchema>;
export type ViewPrompt = z.infer<typeof ViewPromptSchema>;
export type ViewOption = z.infer<typeof ViewOptionSchema>;
export type ViewArrow = z.infer<typeof ViewArrowSchema>;
export type ViewNode = z.infer<typeof ViewNodeSchema>;
export type FlowView = z.infer<typeof FlowViewSchema>;
export type FlowSummary = z.infer<typeof FlowSummarySchema>;
export type FlowList = z.infer<typeof FlowListSchema>;
