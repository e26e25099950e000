import { z } from 'zod';
import { LanguageSchema } from './prompt.schema';

const VarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name is letters, digits and "_"');
const TimeRange = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'a time range is "HH:MM-HH:MM", e.g. "19:00-22:00"');
const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/** A yes/no question a `branch` node asks about the call. Pure: the clock comes in with each input. */
export type Condition =
  | { var: string; eq?: string; in?: string[]; exists?: boolean; matches?: string }
  | { caller: { country?: string[]; known?: boolean } }
  | { open: string }
  | { time: string; days?: z.infer<typeof Weekday>[] }
  | { lang: z.infer<typeof LanguageSchema> }
  | { verified: boolean }
  | { account: { tier?: 'standard' | 'enterprise'; status?: 'active' | 'banned' } }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z
      .object({
        var: VarName,
        eq: z.string().optional(),
        in: z.array(z.string()).optional(),
        exists: z.boolean().optional(),
        matches: z.string().optional(),
      })
      .strict()
      .describe('A variable equals a value, is one of several, exists, or matches a regular expression.'),
    z
      .object({
        caller: z
          .object({
            country: z.array(z.string().regex(/^[A-Z]{2}$/, 'a country is an ISO code such as "CN"')).optional(),
            known: z.boolean().optional(),
          })
          .strict(),
      })
      .strict()
      .describe("The caller's country (from the network or the number), or whether the caller ID is known."),
    z.object({ open: z.string() }).strict().describe('The named hotline is open now.'),
    z
      .object({ time: TimeRange, days: z.array(Weekday).optional() })
      .strict()
      .describe("Local time of the call's hotline is in the range (on the given weekdays)."),
    z.object({ lang: LanguageSchema }).strict().describe('The call is in this language.'),
    z.object({ verified: z.boolean() }).strict().describe('The caller passed (or did not pass) the identity check.'),
    z
      .object({
        account: z
          .object({ tier: z.enum(['standard', 'enterprise']).optional(), status: z.enum(['active', 'banned']).optional() })
          .strict(),
      })
      .strict()
      .describe("The verified account's tier or status."),
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
  ]),
);
