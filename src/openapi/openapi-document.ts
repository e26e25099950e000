import { z } from 'zod';
import { TicketCategorySchema } from '../flow/nodes/ticket';
import { DEFAULT_REPORT_ZONE } from '../reports/report-query';
import { TicketStatusSchema } from '../services/tickets/ticket.schema';
import { TIME_FIELD } from '../server/routes/iso-times';
import { DEFAULT_PAGE, MAX_OFFSET, MAX_PAGE } from '../server/routes/page-query';
import { REQUEST_SCHEMAS, RESPONSE_SCHEMAS } from './admin-api-schemas';
import { json, path, problem, query, ref, type JsonSchema } from './openapi-parts';
import { STUDIO_REQUEST_SCHEMAS, STUDIO_RESPONSE_SCHEMAS } from './studio-api-schemas';
import { studioPaths } from './studio-api-paths';

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The components of one direction: zod's JSON Schemas, referring to each other by name. */
function components(schemas: Readonly<Record<string, z.ZodType>>, io: 'input' | 'output', isoTwins = io === 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  const result: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(out.schemas)) {
    const { $schema: _draft, $id: _id, ...rest } = schema;
    result[id] = isoTwins ? withIsoFields(rest) : rest;
  }
  return result;
}

const NUMERIC: ReadonlySet<unknown> = new Set(['number', 'integer']);
/** Whether a property may hold a number: `type: number`, `type: [number, "null"]`, or a union with one. */
const holdsNumber = (s: unknown): boolean =>
  isObject(s) && (NUMERIC.has(s.type) || (Array.isArray(s.type) && s.type.some((t) => NUMERIC.has(t))) || (Array.isArray(s.anyOf) && s.anyOf.some(holdsNumber)));

/**
 * The answers carry every time field twice (withIsoTimes): epoch ms, and `…Iso` beside it as ISO
 * 8601 with the offset. The schemas say so: each number property named like a time gains its
 * optional `…Iso` string (absent where the time is null).
 */
function withIsoFields(schema: JsonSchema): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value);
    if (isObject(node.properties)) {
      const props: JsonSchema = {};
      for (const [name, prop] of Object.entries(node.properties)) {
        props[name] = walk(prop);
        if (TIME_FIELD.test(name) && holdsNumber(prop)) {
          props[`${name}Iso`] = { type: 'string', format: 'date-time', description: `${name} as ISO 8601 with its offset (${DEFAULT_REPORT_ZONE})` };
        }
      }
      out.properties = props;
    }
    return out;
  };
  const walked = walk(schema);
  return isObject(walked) ? walked : schema;
}


const CALL_SID = { type: 'string', pattern: '^CA[0-9A-Za-z]{1,64}$' };
const RELEASE = { type: 'string', pattern: '^(\\d+|[0-9a-f]{4,64}|draft|active)$' };
const { $schema: _draft, ...CATEGORY } = z.toJSONSchema(TicketCategorySchema, { io: 'input' });
const PAGING = [
  query('limit', `Items per page (default ${DEFAULT_PAGE}, at most ${MAX_PAGE}).`, { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE }),
  query('offset', `Items to skip (at most ${MAX_OFFSET}: narrow the query instead).`, { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 }),
];
const COMMON = { '400': problem('The query, path or body is wrong; `error` says which field and how.'), '401': problem('No or a wrong `Authorization: Bearer <ADMIN_TOKEN>`.') };

/**
 * The admin API (every /api route) and the studio's (every /studio/api route) as an OpenAPI 3.1
 * document; `ivr openapi` writes it to docs/openapi.yaml.
 */
export function openApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'IVR engine admin API',
      version: '1',
      description: [
        'Read calls, their screen-pop context and tickets; move tickets on; list flows; publish, list, diff and roll back releases of the flows; read the operations report; review sampled agent calls.',
        `Every time field is epoch ms with an ISO 8601 twin (\`startedAt\` and \`startedAtIso\`, in ${DEFAULT_REPORT_ZONE}).`,
        'Lists are paged: `limit`, `offset`, and `page.next` (the next offset, null on the last page).',
        'The studio\'s API (/studio/api) takes a studio user\'s token instead (`studioToken`, STUDIO_USERS); each of its routes says the role it needs (viewer < supervisor < designer), and its times are epoch ms only.',
        'Generated from the zod schemas by `ivr openapi`; a test fails when this file is stale or a route is missing.',
      ].join('\n'),
    },
    servers: [{ url: 'http://localhost:3000', description: 'ivr serve (PUBLIC_BASE_URL in production)' }],
    security: [{ adminToken: [] }],
    paths: {
      '/api/calls': {
        get: {
          summary: 'Call records, newest first',
          parameters: [
            query('from', 'Calls started at or after, ISO 8601 with a zone.', { type: 'string', format: 'date-time' }),
            query('to', 'Calls started before, ISO 8601 with a zone.', { type: 'string', format: 'date-time' }),
            query('hotline', 'A hotline id, e.g. general.', { type: 'string', pattern: '^[a-z0-9_-]+$' }),
            ...PAGING,
          ],
          responses: { '200': json('CallPage', 'One page of call records.'), ...COMMON },
        },
      },
      '/api/calls/{callSid}': {
        get: {
          summary: 'One call with its tickets and satisfaction survey',
          parameters: [path('callSid', "Twilio's CallSid of the caller's call.", CALL_SID)],
          responses: { '200': json('CallDetail', 'The call.'), ...COMMON, '404': problem('No such call.'), '500': problem('The stored record no longer decodes (named in `error`).') },
        },
      },
      '/api/calls/{callSid}/context': {
        get: {
          summary: 'Screen-pop: what the IVR learned about a call, for the agent taking it',
          description: 'From the live session while the call is in progress, else from its record. Never a full phone number, a one-time code or a sensitive entry.',
          parameters: [path('callSid', "Twilio's CallSid of the caller's call.", CALL_SID)],
          responses: { '200': json('CallContext', 'The context.'), ...COMMON, '404': problem('Neither in progress nor on record.') },
        },
      },
      '/api/tickets': {
        get: {
          summary: 'Tickets, oldest first',
          parameters: [
            query('phone', 'The caller number (E.164; encode + as %2B).'),
            query('status', 'Only tickets in this status.', { type: 'string', enum: TicketStatusSchema.options }),
            query('category', 'Only tickets of this category: an id of flows/ticket-categories.yaml (e.g. emergency).', CATEGORY),
            query('overdue', 'Only tickets not resolved and past their due time.', { type: 'string', enum: ['true'] }),
            ...PAGING,
          ],
          responses: { '200': json('TicketPage', 'One page of tickets.'), ...COMMON },
        },
      },
      '/api/tickets/{id}': {
        get: {
          summary: 'One ticket',
          parameters: [path('id', 'The 8-digit ticket number.', { type: 'string', pattern: '^\\d{8}$' })],
          responses: { '200': json('TicketOne', 'The ticket.'), ...COMMON, '404': problem('No such ticket.') },
        },
        patch: {
          summary: "Move a ticket on and/or add a note (resolving texts the caller the note, once)",
          parameters: [path('id', 'The 8-digit ticket number.', { type: 'string', pattern: '^\\d{8}$' })],
          requestBody: { required: true, content: { 'application/json': { schema: ref('TicketPatch') } } },
          responses: { '200': json('TicketOne', 'The ticket after the change.'), ...COMMON, '404': problem('No such ticket.'), '409': problem('The status cannot go back.') },
        },
      },
      '/api/flows': {
        get: { summary: 'Flows loaded, their versions and the calls in progress on each', responses: { '200': json('FlowList', 'The flows.'), '401': COMMON['401'] } },
      },
      '/api/releases': {
        get: { summary: 'Releases of the flows, the active one, activations to come and the audit (as `ivr versions`)', responses: { '200': json('ReleaseList', 'The releases.'), '401': COMMON['401'] } },
        post: {
          summary: "Publish this server's working files (FLOWS_DIR) as a release, active for new calls now or at `at` (as `ivr publish`)",
          description: 'Every server starts new calls on it within RELEASE_POLL_INTERVAL_MS; calls in progress keep their version. The audit records the admin token\'s name (ADMIN_TOKEN_NAME) and `by`.',
          requestBody: { required: true, content: { 'application/json': { schema: ref('PublishInput') } } },
          responses: {
            '201': json('ReleaseChange', 'A new release, with what changed from the one active before.'),
            '200': json('ReleaseChange', 'These files were published before: that release is activated again (or was active: `unchanged`).'),
            ...COMMON,
            '422': json('PublishProblems', 'The working files do not validate; nothing was published.'),
          },
        },
      },
      '/api/releases/{release}/activate': {
        post: {
          summary: 'Make a release active for new calls, now or at `at`: a rollback (as `ivr rollback`)',
          parameters: [path('release', 'Its number (1, 2, …) or id (or 4+ of its first hex digits).', RELEASE)],
          requestBody: { required: false, content: { 'application/json': { schema: ref('ActivateInput') } } },
          responses: { '200': json('ReleaseChange', 'The release, with what changed for new calls.'), ...COMMON, '404': problem('No such release.') },
        },
      },
      '/api/releases/{a}/diff/{b}': {
        get: {
          summary: 'What changes for callers from release a to release b: nodes, options, prompts per language, other files (as `ivr diff`)',
          parameters: [path('a', 'A release number or id, `active`, or `draft` (the working files).', RELEASE), path('b', 'The same.', RELEASE)],
          responses: { '200': json('ReleaseDiff', 'The changes.'), ...COMMON, '404': problem('No such release.'), '422': problem('`draft` does not validate.') },
        },
      },
      '/api/reports': {
        get: {
          summary: 'The operations report (same figures as `ivr report --json`)',
          parameters: [
            query('from', 'Start: ISO 8601 with a zone, or a plain date in `tz` (default 7 days ago).'),
            query('to', 'End: ISO 8601 with a zone, or a plain date in `tz` (its end).'),
            query('hotline', 'A hotline id.', { type: 'string', pattern: '^[a-z0-9_-]+$' }),
            query('tz', `IANA zone for hours and dates (default ${DEFAULT_REPORT_ZONE}).`),
          ],
          responses: { '200': json('Report', 'The report.'), ...COMMON },
        },
      },
      '/api/reports/callbacks': {
        get: {
          summary: 'Call backs promised in the period: placed within their promise, late or missed, answered or given up, time to the first call',
          parameters: [
            query('from', 'Start: ISO 8601 with a zone, or a plain date in `tz` (default 7 days ago).'),
            query('to', 'End: ISO 8601 with a zone, or a plain date in `tz` (its end).'),
            query('tz', `IANA zone of plain dates (default ${DEFAULT_REPORT_ZONE}).`),
          ],
          responses: { '200': json('CallbackReport', 'The call back figures.'), ...COMMON },
        },
      },
      '/api/callbacks/{ticketId}': {
        get: {
          summary: "One ticket's call back and its attempts",
          parameters: [path('ticketId', 'The 8-digit ticket number.', { type: 'string', pattern: '^\\d{8}$' })],
          responses: { '200': json('CallbackOne', 'The call back.'), ...COMMON, '404': problem('The ticket has no call back.') },
        },
      },
      '/api/qa': {
        get: {
          summary: 'Calls marked for quality review (QA_SAMPLE_PERCENT of recorded agent calls), newest mark first',
          parameters: [query('reviewed', 'Only reviewed (true) or unreviewed (false) calls.', { type: 'string', enum: ['true', 'false'] }), ...PAGING],
          responses: { '200': json('QaPage', 'One page of marked calls.'), ...COMMON },
        },
      },
      '/api/qa/{callSid}': {
        patch: {
          summary: 'Record the review of a marked call (a later one replaces it)',
          parameters: [path('callSid', "Twilio's CallSid of the caller's call.", CALL_SID)],
          requestBody: { required: true, content: { 'application/json': { schema: ref('QaReviewInput') } } },
          responses: { '200': json('QaEntryOne', 'The entry with its review.'), ...COMMON, '404': problem('The call is not marked for review.') },
        },
      },
      '/api/dev/calls/{callSid}/sms': {
        get: {
          summary: 'DEVELOPMENT ONLY: the SMS a call sent, one-time codes in clear (what `ivr call --via` prints)',
          description:
            'Served only when NODE_ENV is not production (in production this path is a 404 like any unknown one). Only SMS the call\'s own flow sent, kept in the server\'s memory for an hour; numbers masked.',
          parameters: [
            path('callSid', "Twilio's CallSid of the caller's call.", CALL_SID),
            query('after', 'Only SMS with a greater `seq` (the last one seen).', { type: 'integer', minimum: 0 }),
          ],
          responses: { '200': json('CallSmsList', "The call's SMS, oldest first (none for an unknown call)."), ...COMMON, '404': problem('The server runs in production.') },
        },
      },
      ...studioPaths(),
    },
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' },
        studioToken: { type: 'http', scheme: 'bearer', description: "A studio user's token (STUDIO_USERS: name:role:token)" },
      },
      schemas: {
        ...components(RESPONSE_SCHEMAS, 'output'),
        ...components(STUDIO_RESPONSE_SCHEMAS, 'output', false),
        ...components({ ...REQUEST_SCHEMAS, ...STUDIO_REQUEST_SCHEMAS }, 'input'),
      },
    },
  };
}
