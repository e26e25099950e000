import { session } from './api';

/**
 * Follows a server-sent-events route of the studio's API with fetch() rather than EventSource:
 * EventSource cannot send the Authorization header, and the alternatives (the token in the URL,
 * a cookie) would leak it into logs or make it ambient. Reconnects after a pause when the stream
 * ends or fails; the returned function stops it.
 */
export function followEvents(path: string, on: (event: string, data: unknown) => void, opts: { retryMs?: number } = {}): () => void {
  const stop = new AbortController();
  const retryMs = opts.retryMs ?? 3000;
  const run = async () => {
    while (!stop.signal.aborted) {
      try {
        const token = session.token();
        const res = await fetch(`/studio/api${path}`, { headers: token ? { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' } : {}, signal: stop.signal });
        if (!res.ok || !res.body) throw new Error(`stream ${path}: ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, end), on);
            buffer = buffer.slice(end + 2);
          }
        }
      } catch (err) {
        if (stop.signal.aborted) return;
        on('problem', { error: String(err) });
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  };
  void run();
  return () => stop.abort();
}

/** One event block: `event:` and `data:` lines; comment lines (`:`) keep the connection and carry nothing. */
function dispatch(block: string, on: (event: string, data: unknown) => void) {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length) on(event, JSON.parse(data.join('\n')));
}
