import { z } from 'zod';
import { LanguageSchema } from '../flow/schema/prompt.schema';

/** When a release becomes active: ISO 8601 with a zone (default: at once). */
const At = z.string().regex(/(Z|[+-]\d\d:?\d\d)$/, 'at must be ISO 8601 with a zone, e.g. 2026-12-24T00:00:00+08:00').optional();
const By = z.string().min(1).max(64).optional().describe('Who asks, recorded beside the admin token\'s name (ADMIN_TOKEN_NAME).');

export const PublishInputSchema = z
  .object({ message: z.string().min(1, 'message says what changed, e.g. "holiday menu"').max(500), by: By, at: At })
  .strict()
  .describe("Publish this server's working files (FLOWS_DIR) as a new release, active now or at `at`.");
export const ActivateInputSchema = z
  .object({ by: By, at: At, message: z.string().min(1).max(500).optional() })
  .strict()
  .describe('Make a release active for new calls (a rollback), now or at `at`; calls in progress keep their version.');

export const ReleaseViewSchema = z.object({
  id: z.string().describe('The hash of its manifest: the same files always make the same id.'),
  seq: z.number().int().describe('1, 2, 3…: the order releases were published in.'),
  message: z.string(),
  by: z.string(),
  createdAt: z.number().int(),
  active: z.boolean(),
  files: z.number().int(),
  flows: z.array(z.object({ flowId: z.string(), version: z.string() })),
});
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  action: z.enum(['publish', 'rollback']),
  by: z.string(),
  at: z.number().int().describe('When it was done.'),
  activateAt: z.number().int().describe('When `to` became (or becomes) active.'),
  from: z.string().optional().describe('The release active when it was done.'),
  to: z.string(),
  message: z.string(),
});

const NodeChangeSchema = z.object({
  kind: z.enum(['added', 'removed', 'type', 'option-added', 'option-removed', 'text', 'fields']),
  node: z.string(),
  type: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  key: z.string().optional(),
  at: z.string().optional(),
  lang: LanguageSchema.optional(),
  fields: z.array(z.string()).optional(),
});
export const ReleaseDiffSchema = z.object({
  flows: z.array(
    z.object({
      id: z.string(),
      change: z.enum(['added', 'removed', 'changed', 'layout']),
      nodes: z.union([z.number().int(), z.array(NodeChangeSchema)]).optional(),
      settings: z.array(z.string()).optional(),
    }),
  ),
  catalogue: z.array(z.object({ lang: LanguageSchema, added: z.array(z.string()), removed: z.array(z.string()), changed: z.array(z.string()) })),
  files: z.array(z.object({ path: z.string(), change: z.enum(['added', 'removed', 'changed']) })),
  text: z.string().describe('The same, as `ivr diff` prints it.'),
});

export const ReleaseListSchema = z.object({
  active: z.string().nullable(),
  releases: z.array(ReleaseViewSchema),
  scheduled: z.array(AuditEntrySchema).describe('Activations still to come, soonest first.'),
  audit: z.array(AuditEntrySchema).describe('Every publish and rollback, oldest first.'),
});
export const ReleaseChangeSchema = z.object({
  release: ReleaseViewSchema,
  from: z.string().nullable().describe('The release active before.'),
  activateAt: z.number().int(),
  unchanged: z.boolean().describe('The release was active already: nothing was recorded.'),
  diff: ReleaseDiffSchema,
});
