import type { CompiledFlow } from '../flow/compile/compile-flow';
import type { Project } from '../flow/load/load-project';

/**
 * Every loaded version of every flow, by content hash. New calls start on the current version; a
 * call in progress continues on the version that made its snapshot, so changing a flow (a later
 * hot reload adds versions here) never breaks a call mid-way.
 */
export type FlowVersions = {
  /** The version new calls start on. */
  current(id: string): CompiledFlow | undefined;
  /** The version a snapshot was made by, if this process has it loaded. */
  get(id: string, version: string): CompiledFlow | undefined;
  /** Adds a project's flows and makes them current (only them); versions already known stay available. */
  load(project: Pick<Project, 'flows'>): void;
  /** Adds a project's flows without making them current: a draft test callers reach, an older release a call started on. */
  add(project: Pick<Project, 'flows'>): void;
  /** How many flows new calls can start on. */
  readonly size: number;
  /** Every version loaded, in the order they were loaded (a reload appends the changed flows). */
  list(): Array<{ id: string; version: string; file: string; current: boolean }>;
};

export function flowVersions(project?: Pick<Project, 'flows'>): FlowVersions {
  const byVersion = new Map<string, CompiledFlow>();
  const current = new Map<string, CompiledFlow>();
  const key = (id: string, version: string) => `${id}@${version}`;
  const registry: FlowVersions = {
    current: (id) => current.get(id),
    get: (id, version) => byVersion.get(key(id, version)),
    load(p) {
      registry.add(p);
      current.clear();
      for (const flow of p.flows.values()) current.set(flow.id, byVersion.get(key(flow.id, flow.version))!);
    },
    add(p) {
      for (const flow of p.flows.values()) if (!byVersion.has(key(flow.id, flow.version))) byVersion.set(key(flow.id, flow.version), flow);
    },
    get size() {
      return current.size;
    },
    list: () => [...byVersion.values()].map((f) => ({ id: f.id, version: f.version, file: f.file, current: current.get(f.id) === f })),
  };
  if (project) registry.load(project);
  return registry;
}
