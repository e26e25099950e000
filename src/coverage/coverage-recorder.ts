import type { Input } from '../flow/runtime/input';
import type { CallSnapshot, HeardSummary } from '../flow/runtime/turn';
import type { TranscriptLine } from '../sim/simulate-call';
import { describePosition, restOf, top, type Position } from './call-position';
import { ANY_LISTENING_NODE, isIntent, type FlowGraph } from './flow-graph';
import { appendedVisits, followTurn, type Move, type TakenEdge, type TurnCause } from './follow-turn';

/**
 * What a tracker reads from a call: a `SimulatedCall` fits. `understood`: how the caller's last
 * input was understood, when they spoke (the runtime's `turn.heard`).
 */
export type ObservedCall = { readonly snapshot?: CallSnapshot; readonly flow?: { readonly id: string }; readonly understood?: HeardSummary };

/** Follows one call turn by turn. Pass `onLine` to `simulateCall`, `attach` the call, `finish` at the end. */
export type CallTracker = {
  onLine(line: TranscriptLine): void;
  attach(call: ObservedCall): void;
  finish(): void;
};

export type CoverageRecorder = ReturnType<typeof createCoverageRecorder>;

export const edgeKey = (e: Pick<TakenEdge, 'node' | 'label' | 'target'>) => `${e.node} --${e.label}--> ${e.target}`;

/** How an edge taken by words is counted: an option per node, a global intent once per flow. */
export const saidKey = (e: Pick<TakenEdge, 'node' | 'label' | 'target' | 'said'>) => edgeKey(isIntent(e.said) ? { ...e, node: ANY_LISTENING_NODE } : e);

/**
 * What picked the edge out of the node the call rested at: the keys, or what the words were
 * understood as. A "yes" to "did you mean…?" is the choice it confirmed (`unsure` of the call
 * before the turn), so an option confirmed by voice counts as said.
 */
export function causeOf(input: Input | undefined, understood: HeardSummary | undefined, before: CallSnapshot | undefined): TurnCause {
  if (input?.type === 'digits') return { keys: input.digits };
  if (input?.type !== 'speech' || !understood) return undefined;
  if (understood.kind === 'choice' && understood.choice !== undefined) return { said: understood.choice };
  const asked = before?.context.unsure?.[0];
  if (understood.kind === 'yes' && asked !== undefined) return { said: asked };
  if (understood.kind === 'digits') return { saidDigits: true };
  return undefined;
}

/**
 * Collects, over any number of simulated calls, which nodes of which flow file were reached and
 * which edges were taken. Each caller input is a turn boundary: the snapshot the call rested in
 * before it is compared with the one before, and the nodes in between are reconstructed by
 * `followTurn`. Anything it cannot explain lands in `problems`, never silently in the figures.
 */
export function createCoverageRecorder(graph: FlowGraph) {
  const reached = new Map<string, Set<string>>();
  const taken = new Map<string, Set<string>>();
  const implicit = new Map<string, Set<string>>();
  const said = new Map<string, Set<string>>();
  const problems: string[] = [];
  const add = (m: Map<string, Set<string>>, flow: string, key: string) => {
    let set = m.get(flow);
    if (!set) m.set(flow, (set = new Set()));
    set.add(key);
  };
  const record = (move: Move) => {
    const to = top(move.to);
    if (to) add(reached, to.flow, to.node);
    const e = move.edge;
    if (e?.kind === 'said') add(said, e.flow, saidKey(e));
    else if (e) add(e.kind === 'exit' ? taken : implicit, e.flow, edgeKey(e));
  };

  function track(): CallTracker {
    let call: ObservedCall | undefined;
    let seen: CallSnapshot | undefined;
    let position: Position = [];
    let path: readonly string[] = [];
    let input: Input | undefined;

    const observe = () => {
      const snapshot = call?.snapshot;
      const root = call?.flow?.id;
      if (!snapshot || !root || snapshot === seen) return;
      const cause = causeOf(input, call?.understood, seen);
      seen = snapshot;
      const rest = restOf(graph, root, snapshot);
      let moves: Move[] | undefined;
      for (const visits of appendedVisits(path, snapshot.context.path)) {
        moves = followTurn(graph, root, position, visits, rest, cause);
        if (moves) break;
      }
      if (moves) moves.forEach(record);
      else {
        const to = rest.kind === 'at' ? describePosition(rest.position) : 'the end of the call';
        problems.push(
          `call ${snapshot.context.call.sid}: cannot follow ${root} from ${describePosition(position)} to ${to} ` +
            `(path ${path.join(',')} → ${snapshot.context.path.join(',')})`,
        );
      }
      position = rest.kind === 'at' ? rest.position : (moves?.[moves.length - 1]?.to ?? position);
      path = snapshot.context.path;
    };

    return {
      // A caller line is logged before the input is applied: the call still rests where the last turn left it.
      onLine(line) {
        if (line.who !== 'caller') return;
        observe();
        input = line.input;
      },
      attach(c) {
        call = c;
      },
      finish: observe,
    };
  }

  return {
    graph,
    problems,
    track,
    reachedNodes: (flow: string): ReadonlySet<string> => reached.get(flow) ?? new Set(),
    takenExits: (flow: string): ReadonlySet<string> => taken.get(flow) ?? new Set(),
    takenImplicit: (flow: string): ReadonlySet<string> => implicit.get(flow) ?? new Set(),
    /** Edges taken by words: `node --said <key>--> target`, and `(any spoken menu) --said person--> …` once per flow. */
    takenSaid: (flow: string): ReadonlySet<string> => said.get(flow) ?? new Set(),
  };
}
