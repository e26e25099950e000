import type { z } from 'zod';
import type { CompileContext } from '../compile/compile-context';
import type { StateConfig } from '../compile/state-config';

/** One way out of a node: where it goes and what takes it there (for validation and diagrams). */
export type Exit = {
  /** What takes the caller there: a key ("1"), "next", "no input ×3", an outcome ("verified"). */
  label: string;
  target: string;
  /** Where the target is written in the node, for `file:line:col` errors. */
  path: PropertyKey[];
};

/**
 * Everything the engine knows about one node type, in one file per type: its schema (the flow
 * format), where it can go, and how it compiles to states. `registry.ts` ties them together.
 */
export interface NodeKind<S extends z.ZodType = z.ZodType> {
  type: string;
  schema: S;
  /** One line for the docs and the JSON Schema description. */
  summary: string;
  exits(node: z.infer<S>): Exit[];
  /** Ends the call (transfer, hangup): a way out, so a dead end is detectable. */
  ends?: boolean;
  /** Reaches a person (transfer): needed after repeated menu failures. */
  reachesPerson?: boolean;
  /** The flow this node calls, for subflow cycles. */
  calls?(node: z.infer<S>): string | undefined;
  compile(id: string, node: z.infer<S>, ctx: CompileContext): StateConfig;
}

export function defineNode<S extends z.ZodType>(kind: NodeKind<S>): NodeKind<S> {
  return kind;
}
