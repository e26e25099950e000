import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { didYouMeanSuffix, readSourceFile, zodIssuesToDiagnostics, type Diagnostic, type SourceFile } from '../diagnostics';
import { AgentsFileSchema, type AgentConfig } from './agent.schema';
import type { CallCentre } from './call-centre';
import { QueuesFileSchema, type QueueConfig } from './queue.schema';
import { TicketCategoriesFileSchema } from './ticket-category.schema';

export const CENTRE_FILES = { queues: 'queues.yaml', categories: 'ticket-categories.yaml', agents: 'agents.yaml' } as const;

/** Where each queue and category was written, so a flow naming a wrong one can be answered with a suggestion. */
export type CallCentreSources = { queues?: SourceFile; categories?: SourceFile; agents?: SourceFile };

export type CallCentreLoad = { centre?: CallCentre; sources: CallCentreSources; diagnostics: Diagnostic[] };

/**
 * Reads and cross-checks the call centre's three files in a flows directory. queues.yaml and
 * ticket-categories.yaml are required (every transfer and ticket names one of theirs); agents.yaml
 * may be absent (then the agent desk knows nobody).
 */
export function loadCallCentre(dir: string): CallCentreLoad {
  const diagnostics: Diagnostic[] = [];
  const sources: CallCentreSources = {};
  const read = <S extends z.ZodType>(name: string, schema: S, required: boolean): { data?: z.infer<S>; source?: SourceFile } => {
    const path = join(dir, name);
    if (!existsSync(path)) {
      if (required) diagnostics.push({ file: path, line: 1, col: 1, message: `no ${name}: every flows directory defines its call centre's ${name.replace('.yaml', '').replace('-', ' ')} (copy the engine's flows/${name} and edit it)` });
      return {};
    }
    const source = readSourceFile(path);
    diagnostics.push(...source.diagnostics);
    if (source.data === undefined) return { source };
    const parsed = schema.safeParse(source.data);
    if (!parsed.success) {
      diagnostics.push(...zodIssuesToDiagnostics(source, parsed.error.issues, schema));
      return { source };
    }
    return { data: parsed.data, source };
  };

  const queues = read(CENTRE_FILES.queues, QueuesFileSchema, true);
  const categories = read(CENTRE_FILES.categories, TicketCategoriesFileSchema, true);
  const agents = read(CENTRE_FILES.agents, AgentsFileSchema, false);
  sources.queues = queues.source;
  sources.categories = categories.source;
  sources.agents = agents.source;
  if (!queues.data || !categories.data || (agents.source && !agents.data)) return { sources, diagnostics };

  const queueMap = byId(queues.data.queues, queues.source!, 'queues', 'queue', diagnostics);
  const categoryMap = byId(categories.data.categories, categories.source!, 'categories', 'category', diagnostics);
  diagnostics.push(...checkOverflows(queueMap, queues.data.queues, queues.source!));
  categories.data.categories.forEach((c, i) => {
    if (!queueMap.has(c.queue)) {
      diagnostics.push(at(categories.source!, ['categories', i, 'queue'], `category "${c.id}" is handled by queue "${c.queue}", which queues.yaml does not have${didYouMeanSuffix(c.queue, queueMap.keys())}`));
    }
  });
  const agentList = agents.data?.agents ?? [];
  if (agents.source) diagnostics.push(...checkAgents(agentList, agents.source, queues.data.queues));
  if (diagnostics.length) return { sources, diagnostics };
  const version = createHash('sha256').update(JSON.stringify([queues.data, categories.data, agents.data ?? null])).digest('hex').slice(0, 12);
  return { centre: { version, queues: queueMap, categories: categoryMap, agents: agentList, callbacks: categories.data.callbacks }, sources, diagnostics };
}

function at(source: SourceFile, path: (string | number)[], message: string): Diagnostic {
  return { file: source.file, ...source.locate(path), message };
}

function byId<T extends { id: string }>(items: T[], source: SourceFile, list: string, what: string, out: Diagnostic[]): Map<string, T> {
  const map = new Map<string, T>();
  items.forEach((item, i) => {
    if (map.has(item.id)) out.push(at(source, [list, i, 'id'], `${what} "${item.id}" is defined twice (${list}[${items.findIndex((x) => x.id === item.id)}])`));
    else map.set(item.id, item);
  });
  return map;
}

/** An overflow names a queue that exists, other than itself, whose own overflow is an offer: one hop, never a loop. */
function checkOverflows(map: ReadonlyMap<string, QueueConfig>, queues: QueueConfig[], source: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  queues.forEach((q, i) => {
    if (!('queue' in q.overflow)) return;
    const target = map.get(q.overflow.queue);
    const path = ['queues', i, 'overflow', 'queue'];
    if (!target) out.push(at(source, path, `queue "${q.id}" overflows to queue "${q.overflow.queue}", which is not defined${didYouMeanSuffix(q.overflow.queue, map.keys())}`));
    else if (target.id === q.id) out.push(at(source, path, `queue "${q.id}" overflows to itself: give another queue, or \`offer: callback\``));
    else if ('queue' in target.overflow) {
      out.push(at(source, path, `queue "${q.id}" overflows to "${target.id}", which overflows to another queue in turn: a caller moves once at most, so give "${target.id}" an \`offer: callback\` or \`offer: voicemail\` overflow, or overflow "${q.id}" elsewhere`));
    }
  });
  return out;
}

function checkAgents(agents: AgentConfig[], source: SourceFile, queues: QueueConfig[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const skills = new Set(queues.flatMap((q) => q.skills));
  const seen = new Map<string, string>();
  agents.forEach((a, i) => {
    for (const [field, value] of [['id', a.id], ['phone', a.phone], ['client', a.client]] as const) {
      if (value === undefined) continue;
      const key = `${field}:${value}`;
      const first = seen.get(key);
      if (first) out.push(at(source, ['agents', i, field], `agent "${a.id}" has the ${field} "${field === 'phone' ? value.slice(0, -4) + '****' : value}" of agent "${first}": the desk could not tell them apart`));
      else seen.set(key, a.id);
    }
    a.skills.forEach((s, j) => {
      if (!skills.has(s)) out.push(at(source, ['agents', i, 'skills', j], `agent "${a.id}" has skill "${s}", which no queue in queues.yaml asks for${didYouMeanSuffix(s, skills)}`));
    });
  });
  return out;
}
