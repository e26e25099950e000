import type { StudioRole } from '../config/studio-users';
import { body, json, path, problem, query, type JsonSchema } from './openapi-parts';

const ROLE_WORDS: Record<StudioRole, string> = {
  viewer: 'Role: viewer or above (every signed-in studio user).',
  supervisor: 'Role: supervisor or designer (a viewer gets 403).',
  designer: 'Role: designer (a viewer or supervisor gets 403).',
};

/**
 * One studio operation: behind a studio user's token, the role it needs said in its description
 * and in `x-studio-role` (the test checks a user below it is refused), and the answers every
 * studio route may give.
 */
function studio(role: StudioRole, op: { summary: string; description?: string; responses: JsonSchema; [key: string]: unknown }): JsonSchema {
  const { description, responses, ...rest } = op;
  return {
    ...rest,
    description: description ? `${ROLE_WORDS[role]} ${description}` : ROLE_WORDS[role],
    'x-studio-role': role,
    security: [{ studioToken: [] }],
    responses: {
      ...responses,
      '401': problem('No or a wrong `Authorization: Bearer <studio token>` (a token of STUDIO_USERS).'),
      ...(role === 'viewer' ? {} : { '403': problem(`The user's role is below ${role}.`) }),
    },
  };
}

const BAD = problem('The path, query or body is wrong; `error` says which field and how.');
const CALL_ID = path('id', 'The softphone call id (from POST /studio/api/calls).', { type: 'string' });
const NO_CALL = problem('No softphone call of yours by that id (idle ones are dropped).');
const BUSY = problem('The call is still taking the previous input, or cannot take this one now (the call goes on).');
const TOO_MANY = problem('Too many softphone calls held, or inputs on this call: hang up, then place a new one.');

/** A caller's input on a softphone call: the call as it stands after the engine answered. */
const input = (summary: string, request?: string) => ({
  post: studio('supervisor', {
    summary,
    parameters: [CALL_ID],
    ...(request ? { requestBody: body(request) } : {}),
    responses: { '200': json('SoftphoneCall', 'The call after the input.'), '400': BAD, '404': NO_CALL, '409': BUSY, '429': TOO_MANY },
  }),
});

/** Every /studio/api route: the studio's pages read and act through these, signed in as a studio user. */
export function studioPaths(): Record<string, JsonSchema> {
  return {
    '/studio/api/me': {
      get: studio('viewer', { summary: 'Who signed in, and as what role', responses: { '200': json('StudioMe', 'The user.') } }),
    },
    '/studio/api/hotlines': {
      get: studio('viewer', {
        summary: 'Every hotline: open now or not, its hours, calls in progress, queues and today’s figures',
        description: 'Holds no caller phone number. One count serves every request within a second.',
        responses: { '200': json('StudioHotlinesBoard', 'The board.') },
      }),
    },
    '/studio/api/hotlines/stream': {
      get: studio('viewer', {
        summary: 'The hotlines board as server-sent events, sent at once and again when it changes',
        description:
          'Each `board` event carries a StudioHotlinesBoard as JSON; a `problem` event carries an Error (the stream goes on); `: unchanged` comment lines keep the connection. Read it with fetch (EventSource cannot send the token).',
        responses: {
          '200': {
            description: 'The stream (text/event-stream), until the client goes away.',
            content: { 'text/event-stream': { schema: { type: 'string', description: '`event: board` + `data: <StudioHotlinesBoard JSON>`, repeated' } } },
          },
        },
      }),
    },
    '/studio/api/tickets': {
      get: studio('viewer', {
        summary: 'The open ticket board by category, with due times and notes',
        description: 'Caller phone numbers are masked (138****5678) below supervisor; `canChange` says whether this user may move tickets on.',
        responses: { '200': json('StudioTicketsBoard', 'The board.') },
      }),
    },
    '/studio/api/tickets/{id}': {
      patch: studio('supervisor', {
        summary: 'Move a ticket on and/or add a note, by the admin API’s rules (resolving texts the caller the note, once)',
        parameters: [path('id', 'The 8-digit ticket number.', { type: 'string', pattern: '^\\d{8}$' })],
        requestBody: body('TicketPatch'),
        responses: { '200': json('StudioTicketOne', 'The ticket after the change.'), '400': BAD, '404': problem('No such ticket.'), '409': problem('The status cannot go back.') },
      }),
    },
    '/studio/api/satisfaction': {
      get: studio('viewer', {
        summary: 'Satisfaction surveys of the last days: response rate, first-contact resolution, ratings, trend per day, newest comments',
        description: 'Comment texts and phone numbers are masked below supervisor.',
        parameters: [query('days', 'How many days to count back (default 14, at most 31).', { type: 'integer', minimum: 1, maximum: 31, default: 14 })],
        responses: { '200': json('StudioSatisfaction', 'The figures.'), '400': BAD },
      }),
    },
    '/studio/api/flows': {
      get: studio('viewer', {
        summary: "The working draft's flows, their errors and what changed since the published flows",
        description: 'The draft directory (FLOWS_DIR) is read on every request.',
        responses: { '200': json('StudioFlowList', 'The flows.') },
      }),
    },
    '/studio/api/flows/{id}': {
      get: studio('viewer', {
        summary: 'One draft flow as boxes and arrows (as `ivr diagram`), each node with its words, errors and change',
        parameters: [path('id', 'A flow id, e.g. general.', { type: 'string', pattern: '^[a-z][a-z0-9_-]*$' })],
        responses: { '200': json('StudioFlowView', 'The flow.'), '400': BAD, '404': problem('No such flow in the draft.') },
      }),
    },
    '/studio/api/softphone/lines': {
      get: studio('supervisor', { summary: "The draft's hotlines a softphone call may dial", responses: { '200': json('SoftphoneLines', 'The hotlines.') } }),
    },
    '/studio/api/calls': {
      post: studio('supervisor', {
        summary: 'Place a simulated call on the working draft (the engine itself, in-memory stores, SMS never sent, a virtual clock)',
        requestBody: body('SoftphonePlaceCall'),
        responses: { '201': json('SoftphoneCall', 'The call, waiting for the caller.'), '400': BAD, '429': TOO_MANY },
      }),
    },
    '/studio/api/calls/{id}': {
      get: studio('supervisor', { summary: 'One of your softphone calls as it stands', parameters: [CALL_ID], responses: { '200': json('SoftphoneCall', 'The call.'), '404': NO_CALL, '409': BUSY } }),
    },
    '/studio/api/calls/{id}/press': input('Press keys', 'SoftphonePress'),
    '/studio/api/calls/{id}/say': input('Say words (as speech recognition heard them)', 'SoftphoneSay'),
    '/studio/api/calls/{id}/silence': input('Stay silent until the IVR times out'),
    '/studio/api/calls/{id}/dial': input('End the transfer the IVR dialled, with its status', 'SoftphoneDialEnds'),
    '/studio/api/calls/{id}/hangup': input('Hang up'),
    '/studio/api/calls/{id}/script': {
      post: studio('supervisor', {
        summary: 'The call so far as a call script (YAML, as `ivr test` runs it)',
        parameters: [CALL_ID],
        requestBody: body('SoftphoneScriptRequest', false),
        responses: { '200': json('CallScriptAnswer', 'The script.'), '400': BAD, '404': NO_CALL, '409': BUSY },
      }),
    },
    '/studio/api/call-scripts/check': {
      post: studio('supervisor', {
        summary: 'Check a call-script file on the draft as `ivr test` would: the schema first, then every call on the engine (at most 10)',
        requestBody: body('CallScriptCheckInput'),
        responses: { '200': json('CallScriptCheck', 'The verdict, call by call (`ok: false` with `problems` when the file does not read).'), '400': BAD },
      }),
    },
  };
}
