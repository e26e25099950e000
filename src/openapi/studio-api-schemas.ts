import { z } from 'zod';
import { StudioRoleSchema } from '../config/studio-users';
import { FlowListSchema, FlowViewSchema } from '../server/studio/flow-view.schema';
import {
  CallScriptAnswerSchema,
  CallViewSchema,
  CheckScriptSchema,
  DialEndsSchema,
  PlaceCallSchema,
  PressSchema,
  SaySchema,
  ScriptCheckSchema,
  ScriptRequestSchema,
  SoftphoneLineSchema,
} from '../server/studio/softphone-schema';
import { BoardTicketSchema, HotlinesBoardSchema, SatisfactionSchema, TicketsBoardSchema } from '../server/studio/studio-board.schema';

/**
 * The studio's API (/studio/api) as zod schemas, for docs/openapi.yaml's components: the schemas
 * the studio's server and page already share. Its answers carry no `…Iso` twins (the page counts
 * from epoch ms), so they are generated apart from the admin answers.
 */
export const StudioMeSchema = z.object({ name: z.string(), role: StudioRoleSchema });

export const STUDIO_RESPONSE_SCHEMAS = {
  StudioMe: StudioMeSchema,
  StudioHotlinesBoard: HotlinesBoardSchema,
  StudioTicketsBoard: TicketsBoardSchema,
  StudioBoardTicket: BoardTicketSchema,
  StudioTicketOne: z.object({ ticket: BoardTicketSchema }),
  StudioSatisfaction: SatisfactionSchema,
  StudioFlowList: FlowListSchema,
  StudioFlowView: FlowViewSchema,
  SoftphoneLines: z.array(SoftphoneLineSchema),
  SoftphoneCall: CallViewSchema,
  CallScriptAnswer: CallScriptAnswerSchema,
  CallScriptCheck: ScriptCheckSchema,
} as const;

export const STUDIO_REQUEST_SCHEMAS = {
  SoftphonePlaceCall: PlaceCallSchema,
  SoftphonePress: PressSchema,
  SoftphoneSay: SaySchema,
  SoftphoneDialEnds: DialEndsSchema,
  SoftphoneScriptRequest: ScriptRequestSchema,
  CallScriptCheckInput: CheckScriptSchema,
} as const;
