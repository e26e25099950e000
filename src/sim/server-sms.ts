import { z } from 'zod';
import { CallSmsSchema } from '../services/sms/call-sms-log';

const Answer = z.object({ sms: z.array(CallSmsSchema) });

/**
 * `ivr call --via`: the SMS the server sent to this call, read from its development-only route
 * (GET /api/dev/calls/:callSid/sms) after every turn, so a code shows before the prompt that asks
 * for it, as in the in-process `ivr call`. A server in production answers 404: then the caller is
 * told once that codes go to the phone only, and the call goes on.
 */
export function serverSms(opts: { baseUrl: string; adminToken: string; callSid: string; print: (line: string) => void }) {
  let seen = 0;
  let off = false;
  const stop = (why: string) => {
    off = true;
    opts.print(why);
  };
  return {
    /** Prints the SMS sent since the last look. */
    async show(): Promise<void> {
      if (off) return;
      const url = `${opts.baseUrl.replace(/\/+$/, '')}/api/dev/calls/${encodeURIComponent(opts.callSid)}/sms?after=${seen}`;
      let res: Response;
      try {
        res = await fetch(url, { headers: { Authorization: `Bearer ${opts.adminToken}` } });
      } catch (err) {
        return stop(`⚠️  cannot read the server's SMS (${err instanceof Error ? err.message : String(err)}); the call goes on without them`);
      }
      if (res.status === 404) return stop("ℹ️  the server does not show the SMS it sends (it runs in production, or predates GET /api/dev/calls/:callSid/sms): codes reach the caller's phone only");
      if (res.status === 401) return stop("⚠️  the server refused the admin token, so its SMS are not shown: pass --admin-token or set ADMIN_TOKEN to the server's");
      if (!res.ok) return stop(`⚠️  ${res.status} from the server's SMS route: ${(await res.text()).trim()}; the call goes on without them`);
      const parsed = Answer.safeParse(await res.json());
      if (!parsed.success) return stop(`⚠️  the server's SMS route answered something unexpected (${parsed.error.issues[0].message}); the call goes on without them`);
      for (const m of parsed.data.sms) {
        opts.print(`✉️  SMS to ${m.to}: ${m.body}`);
        seen = Math.max(seen, m.seq);
      }
    },
  };
}
