import Database from 'better-sqlite3';
import { setPriority } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ReportFacts, ReportSource } from '../../reports/report-facts';
import { sqliteReportSource } from './sqlite-report-source';

type Request = { id: number; query: Parameters<ReportSource['facts']>[0] };
type Reply = { id: number; facts: ReportFacts } | { id: number; error: string };

/**
 * The report's counts on the SQLite file, in a worker thread with its own read-only connection.
 * better-sqlite3 runs a query on the thread that calls it, and the report's GROUP BYs over 100,000
 * calls take seconds: on the server's thread they would hold every call's turn for as long. WAL
 * lets the worker read what the server committed while the server goes on writing. The worker
 * starts at the first report and stays for the next; `close` ends it.
 */
export function workerReportSource(file: string): ReportSource & { close(): Promise<void> } {
  let worker: Worker | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve(f: ReportFacts): void; reject(e: Error): void }>();
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    worker = undefined;
  };
  const start = () => {
    // Loads this file's TypeScript through tsx, as bin.js does for the process (and jest's transform does not reach a worker).
    const w = __filename.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true, workerData: { file } })
      : new Worker(__filename, { workerData: { file } });
    w.unref();
    w.on('message', (m: Reply) => {
      const pending = waiting.get(m.id);
      waiting.delete(m.id);
      if (!pending) return;
      if ('error' in m) pending.reject(new Error(`the report query failed on ${file}: ${m.error}`));
      else pending.resolve(m.facts);
    });
    w.on('error', (err) => failAll(new Error(`the report worker on ${file} failed: ${err.message}`, { cause: err })));
    w.on('exit', (code) => failAll(new Error(`the report worker on ${file} exited (${code}) before answering`)));
    return w;
  };
  return {
    facts(query) {
      worker ??= start();
      const id = ++next;
      const answer = new Promise<ReportFacts>((resolve, reject) => waiting.set(id, { resolve, reject }));
      worker.postMessage({ id, query } satisfies Request);
      return answer;
    },
    async close() {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}

/** In the worker: answer each request with the facts counted on a read-only connection. */
if (!isMainThread && parentPort && (workerData as { file?: unknown } | null)?.file) {
  // On Linux a priority is per thread, and 0 names the calling one: the counting yields the CPU to
  // the server's thread whenever turns need it. (Elsewhere it would lower the whole process.)
  if (process.platform === 'linux') {
    try {
      setPriority(0, 19);
    } catch {
      // Not allowed here (a container's seccomp profile): the report still counts off the server's thread.
    }
  }
  const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const source = sqliteReportSource(db);
  const port = parentPort;
  port.on('message', (m: Request) => {
    source.facts(m.query).then(
      (facts) => port.postMessage({ id: m.id, facts } satisfies Reply),
      (err: unknown) => port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) } satisfies Reply),
    );
  });
}
