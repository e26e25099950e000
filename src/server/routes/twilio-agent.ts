import { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LANGUAGES } from '../../flow/schema/prompt.schema';
import { maskPhone, type Hotline } from '../../hotlines';
import { callerBrief, type BriefDeps } from '../../desk/caller-brief';
import { DESK_TEXTS, whisper } from '../../desk/desk-texts';
import { agentCalling, type CallCentre } from '../../call-centre/call-centre';
import { agentQueues, nextCaller, type Candidate } from '../../desk/next-caller';
import type { QueueDirectory } from '../../desk/queue-directory';
import type { Reply } from '../../telephony/reply';
import { renderTwiml } from '../../telephony/twilio/render-twiml';
import type { Voices } from '../../telephony/twilio/voices';
import { ROUTES, type WebhookUrls } from '../../telephony/twilio/webhook-urls';
import { HttpError } from '../http-error';

const AgentForm = z.object({ CallSid: z.string().regex(/^CA[0-9A-Za-z]{1,64}$/, 'CallSid is not a call SID'), From: z.string().default('') });

export type AgentDeskDeps = BriefDeps & {
  /** The agents and queues (a reload that changes them is refused until restart). */
  centre: CallCentre;
  /** Live: a hot reload replaces the lines. */
  hotlines: () => readonly Hotline[];
  directory: () => QueueDirectory;
  urls: WebhookUrls;
  voices: Voices;
  logger: Logger;
};

/** A phone number masked for logs; a Twilio Client identity is not a phone number and is kept. */
const maskedFrom = (from: string) => (from.startsWith('client:') ? from : maskPhone(from));

/**
 * The agent desk, the Voice URL of agents' phones and softphones: it knows the agent by `From`
 * (flows/agents.yaml), picks the caller they take next (the front caller of their queues, the
 * most urgent class first, then the longest wait, in a language they speak), whispers who is
 * coming, and bridges them with <Dial><Queue>, recorded when the caller's line records calls.
 * Anyone else is refused. docs/queues.md explains the order.
 */
export function twilioAgentRoutes(deps: AgentDeskDeps): Router {
  const router = Router();
  const twiml = (reply: Reply) => renderTwiml(reply, deps.voices);

  router.post(ROUTES.agent, async (req, res) => {
    const parsed = AgentForm.safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpError(400, `not a Twilio webhook: ${parsed.error.issues[0].message}`);
    const { CallSid, From } = parsed.data;
    const agent = agentCalling(deps.centre, From);
    if (!agent) {
      deps.logger.warn({ callSid: CallSid, from: maskedFrom(From) }, 'the agent desk refused a caller who is not an agent');
      return void res.type('text/xml').send(twiml({ prompts: LANGUAGES.map((lang) => ({ lang, text: DESK_TEXTS[lang].notAnAgent })), next: { kind: 'hangup' } }));
    }
    const lang = agent.languages[0];
    const log = deps.logger.child({ callSid: CallSid, agent: agent.id });
    let reply: Reply;
    try {
      const mine = agentQueues(agent, deps.centre.queues.values());
      const waiting = mine.length ? await deps.directory().waiting(mine.map((q) => q.id)) : [];
      const candidates = await Promise.all(
        waiting.flatMap((w) => {
          const queue = mine.find((q) => q.id === w.queue);
          return queue ? [callerBrief(deps, w.front.callSid).then((brief): Candidate => ({ queue, waiting: w, brief }))] : [];
        }),
      );
      const next = nextCaller(agent, candidates);
      if (!next) {
        log.info({ queues: mine.map((q) => q.id), waiting: waiting.length }, 'no caller for this agent');
        reply = { prompts: [{ lang, text: DESK_TEXTS[lang].nobodyWaiting }], next: { kind: 'hangup' } };
      } else {
        const line = deps.hotlines().find((h) => h.id === next.brief.hotline);
        const recorded = line?.recordCalls ?? true;
        log.info({ queue: next.queue.id, caller: next.brief.callSid, waitedSec: next.waiting.front.waitedSec, recorded }, 'agent takes the front caller of a queue');
        reply = {
          prompts: [{ lang, text: whisper(next.brief, next.queue, lang, next.brief.category ? deps.centre.categories.get(next.brief.category)?.name : undefined) }],
          next: { kind: 'dialQueue', queue: next.queue.id, ...(recorded ? { recordingCallback: deps.urls.agentRecording(next.brief.callSid, agent.id) } : {}) },
        };
      }
    } catch (err) {
      log.error({ err }, 'the agent desk could not read who waits');
      reply = { prompts: [{ lang, text: DESK_TEXTS[lang].deskDown }], next: { kind: 'hangup' } };
    }
    res.type('text/xml').send(twiml(reply));
  });
  return router;
}
