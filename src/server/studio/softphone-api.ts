import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import type { z } from 'zod';
import { formatDiagnostic, parseSourceFile, zodIssuesToDiagnostics } from '../../diagnostics';
import { CallScriptFileSchema } from '../../coverage/call-script.schema';
import { runScenario } from '../../coverage/run-scenario';
import { ScenarioSchema } from '../../coverage/scenario';
import type { Project } from '../../flow/load/load-project';
import { parseInstant, type Clock } from '../../platform/clock';
import { CallerInputError } from '../../sim/simulate-call';
import { HttpError } from '../http-error';
import { requireRole, viewerOf } from './studio-auth';
import { SoftphoneCall } from './softphone-call';
import { callScriptOf } from './softphone-script';
import { softphoneSessions, SOFTPHONE_LIMITS, type SoftphoneLimits } from './softphone-sessions';
import {
  CheckScriptSchema,
  DialEndsSchema,
  PlaceCallSchema,
  PressSchema,
  SaySchema,
  ScriptRequestSchema,
  type CallScriptAnswer,
  type CallView,
  type ScriptCheck,
  type SoftphoneLine,
} from './softphone-schema';

/** Call scripts a check runs at once: each is a whole call on the engine. */
const MAX_CHECKED_CALLS = 10;
/** How a checked script is named in its diagnostics (it is no file yet). */
const SCRIPT_NAME = 'call-script.calls.yaml';

/**
 * The softphone: calls placed from the studio on the working draft, run by the engine itself
 * (simulateCall: the runtime, effects and caller services the webhook uses, over in-memory stores,
 * SMS recorded and never sent, a virtual clock). Designers and supervisors place test calls;
 * viewers may not (a call runs the engine and holds memory, and its SMS show one-time codes).
 *
 * POST /calls {hotline|dial, from, country?, at} → the call; POST /calls/:id/press {keys},
 * /say {text, confidence?}, /silence, /dial {status}, /hangup; GET /calls/:id;
 * POST /calls/:id/script {name?} → a call script (YAML); POST /call-scripts/check {yaml} → the
 * schema's verdict and the engine's, call by call. GET /softphone/lines: the draft's hotlines.
 */
export function softphoneApi(deps: { draft: () => Project; clock: Clock; limits?: SoftphoneLimits; ids?: () => string }): Router {
  const sessions = softphoneSessions(deps.clock, deps.limits ?? SOFTPHONE_LIMITS);
  const newId = deps.ids ?? (() => randomUUID());
  const router = Router();
  router.use(['/calls', '/call-scripts', '/softphone'], requireRole('supervisor'));

  router.get('/softphone/lines', (_req, res) => {
    const lines: SoftphoneLine[] = deps.draft().hotlines.map((h) => ({ id: h.id, name: h.name, numbers: h.numbers, languages: h.languages, timezone: h.timezone }));
    res.json(lines);
  });

  router.post('/calls', async (req, res) => {
    const body = parsed(PlaceCallSchema, req, 'hotline or dial, from, country, at');
    try {
      parseInstant(body.at);
    } catch (err) {
      throw new HttpError(400, err instanceof Error ? err.message : String(err));
    }
    const project = deps.draft();
    const line = body.hotline === undefined ? undefined : project.hotlines.find((h) => h.id === body.hotline);
    if (body.hotline !== undefined && !line) throw new HttpError(400, `no hotline "${body.hotline}" in the draft; one of: ${project.hotlines.map((h) => h.id).join(', ')}`);
    const dial = line ? line.numbers[0] : (body.dial ?? '');
    const phone = await sessions.place(viewerOf(req).name, () =>
      SoftphoneCall.place(newId(), { project, dial, from: body.from, ...(body.country ? { country: body.country } : {}), at: body.at }),
    );
    res.status(201).json(phone.view() satisfies CallView);
  });

  router.get('/calls/:id', async (req, res) => {
    res.json(await sessions.use(viewerOf(req).name, req.params.id, (p) => p.view()));
  });

  const input = (path: string, act: (phone: SoftphoneCall, req: Request) => Promise<void>) =>
    router.post(`/calls/:id/${path}`, async (req, res) => {
      const view = await sessions.use(
        viewerOf(req).name,
        String(req.params.id),
        async (phone) => {
          try {
            await act(phone, req);
          } catch (err) {
            // The caller did what the call cannot take now: say so, the call goes on.
            if (err instanceof CallerInputError) throw new HttpError(409, err.message);
            throw err;
          }
          return phone.view();
        },
        { input: true },
      );
      res.json(view);
    });
  input('press', (phone, req) => phone.press(parsed(PressSchema, req, 'keys').keys));
  input('say', (phone, req) => {
    const body = parsed(SaySchema, req, 'text, confidence');
    return phone.say(body.text, body.confidence);
  });
  input('silence', (phone) => phone.silence());
  input('dial', (phone, req) => phone.dialEnds(parsed(DialEndsSchema, req, 'status').status));
  input('hangup', (phone) => phone.hangUp());

  router.post('/calls/:id/script', async (req, res) => {
    const { name } = parsed(ScriptRequestSchema, req, 'name');
    const answer: CallScriptAnswer = await sessions.use(viewerOf(req).name, req.params.id, (p) => callScriptOf(p, name));
    res.json(answer);
  });

  router.post('/call-scripts/check', async (req, res) => {
    const { yaml } = parsed(CheckScriptSchema, req, 'yaml');
    res.json(await checkCallScripts(deps.draft(), yaml));
  });

  return router;
}

/** A call-script file as `ivr test` would take it: the schema first, then every call on the engine. */
export async function checkCallScripts(project: Project, text: string): Promise<ScriptCheck> {
  // Read as `ivr test` reads a file: the same `file:line:col what is wrong` diagnostics.
  const source = parseSourceFile(SCRIPT_NAME, text);
  if (source.data === undefined) return { ok: false, problems: source.diagnostics.map(formatDiagnostic), calls: [] };
  const file = CallScriptFileSchema.safeParse(source.data);
  if (!file.success) return { ok: false, problems: zodIssuesToDiagnostics(source, file.error.issues, CallScriptFileSchema).map(formatDiagnostic), calls: [] };
  if (file.data.calls.length > MAX_CHECKED_CALLS) return { ok: false, problems: [`${file.data.calls.length} calls: a check runs at most ${MAX_CHECKED_CALLS}; run the file with \`ivr test\``], calls: [] };
  const calls = [];
  for (const input of file.data.calls) {
    const result = await runScenario(project, ScenarioSchema.parse(input));
    calls.push({ name: result.name, failures: result.failures });
  }
  return { ok: calls.every((c) => c.failures.length === 0), problems: [], calls };
}

function parsed<S extends z.ZodType>(schema: S, req: Request, fields: string): z.output<S> {
  const result = schema.safeParse(req.body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new HttpError(400, issue.code === 'unrecognized_keys' ? `unknown ${issue.keys.join(', ')}; send ${fields}` : `${issue.path.join('.') || 'body'}: ${issue.message}`);
}
