import { watch as fsWatch } from 'node:fs';
import { extname } from 'node:path';
import type { Logger } from 'pino';

/** Watches a directory (and below) and says which file changed, when the platform knows. */
export type Watch = (dir: string, onChange: (file: string | undefined) => void) => { close(): void };
export type DebounceTimers = { setTimeout(run: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
/** Where SIGHUP comes from: the process, or an EventEmitter in tests. */
export type Signals = { on(signal: 'SIGHUP', listener: () => void): unknown; off(signal: 'SIGHUP', listener: () => void): unknown };

const fsWatchRecursive: Watch = (dir, onChange) => {
  const watcher = fsWatch(dir, { recursive: true, persistent: false }, (_event, file) => onChange(file ?? undefined));
  return { close: () => watcher.close() };
};
const realTimers: DebounceTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Files a flows directory is made of; editors' swap and backup files are not. */
const FLOW_FILE = new Set(['.yaml', '.yml', '.json']);
const isFlowFile = (file: string | undefined) => file === undefined || (FLOW_FILE.has(extname(file)) && !/(^|\/)\.|~$/.test(file));

/**
 * Reloads the flows when a file of the directory changes, once the saves have settled for
 * `debounceMs` (an editor writes a file in several steps, `git checkout` touches many), and at
 * once on SIGHUP (`kill -HUP <pid>`, where file events are unreliable: network mounts, containers).
 */
export function watchFlows({
  dir,
  reload,
  logger,
  debounceMs = 300,
  watch = fsWatchRecursive,
  timers = realTimers,
  signals = process,
}: {
  dir: string;
  reload: (reason: string) => unknown;
  logger: Pick<Logger, 'info' | 'error'>;
  debounceMs?: number;
  watch?: Watch;
  timers?: DebounceTimers;
  signals?: Signals;
}): { close(): void } {
  let pending: unknown;
  const changed = new Set<string>();
  const run = (reason: string) => {
    try {
      reload(reason);
    } catch (err) {
      logger.error({ err, reason }, 'flow reload failed; calls keep running on the versions loaded before');
    }
  };
  const watcher = watch(dir, (file) => {
    if (!isFlowFile(file)) return;
    if (file) changed.add(file);
    if (pending !== undefined) timers.clearTimeout(pending);
    pending = timers.setTimeout(() => {
      pending = undefined;
      const files = [...changed].sort().join(', ');
      changed.clear();
      run(files ? `changed: ${files}` : 'a file changed');
    }, debounceMs);
  });
  const onHup = () => run('SIGHUP');
  signals.on('SIGHUP', onHup);
  logger.info({ dir, debounceMs }, 'watching the flows directory; SIGHUP reloads it too');
  return {
    close() {
      if (pending !== undefined) timers.clearTimeout(pending);
      pending = undefined;
      signals.off('SIGHUP', onHup);
      watcher.close();
    },
  };
}
