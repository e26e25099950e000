import { z } from 'zod';

const Answer = z.object({ call: z.object({ path: z.array(z.string()) }) });

/**
 * The path a call took on a running server, as its call record says (GET /api/calls/:callSid with
 * the admin token): the line `ivr call --via` ends with, like the in-process `ivr call`. The
 * record's path is node ids, never what the caller keyed or said.
 */
export async function serverPathLine(opts: { baseUrl: string; adminToken: string; callSid: string }): Promise<string> {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/api/calls/${encodeURIComponent(opts.callSid)}`;
  try {
    const res = await fetch(url, { headers: { Authorization: `Bearer ${opts.adminToken}` } });
    if (res.status === 401) return 'path: (not shown: the server refused the admin token; pass --admin-token or set ADMIN_TOKEN)';
    if (!res.ok) return `path: (not shown: ${res.status} from the server's call record)`;
    const parsed = Answer.safeParse(await res.json());
    if (!parsed.success) return 'path: (not shown: the server answered an unexpected call record)';
    return `path: ${parsed.data.call.path.join(' → ')}`;
  } catch (err) {
    return `path: (not shown: ${err instanceof Error ? err.message : String(err)})`;
  }
}
