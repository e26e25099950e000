import type { CompileContext } from './compile-context';

/** Where a caller goes after too many failures: the node's own choice, else the flow's person node. */
export function exhaustedTarget(onExhausted: string | undefined, ctx: CompileContext, path: PropertyKey[]): string {
  if (onExhausted) return ctx.target(onExhausted);
  if (ctx.globals.human) return ctx.globals.human.target;
  ctx.report(path, 'after repeated failures this node has nowhere to go: set `onExhausted` or the flow\'s `globals.human`');
  return ctx.endTarget;
}
