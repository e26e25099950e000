import type { Logger } from 'pino';
import type { EffectHandlers } from '../../call/effect-handlers';
import type { CompiledFlow } from '../../flow/compile/compile-flow';
import type { Project } from '../../flow/load/load-project';
import type { Clock } from '../../platform/clock';
import type { CallStore } from '../../stores/calls/call-store';
import type { SessionStore } from '../../stores/session/session-store';
import type { TurnStore } from '../../stores/turns/turn-store';
import type { HearingOptions } from '../../flow/runtime/runtime';
import type { Voices } from '../../telephony/twilio/voices';
import type { WebhookUrls } from '../../telephony/twilio/webhook-urls';
import type { CallLocks } from '../call-locks';
import type { FlowVersions } from '../flow-versions';
import type { CallObserver } from './call-observer';

/** What the voice webhook needs to run calls; createApp assembles it once. */
export type VoiceDeps = {
  project: Project;
  flows: FlowVersions;
  sessions: SessionStore;
  calls: CallStore;
  /** Writes a turn's session and record entry together. */
  turns: TurnStore;
  handlers: EffectHandlers;
  clock: Clock;
  logger: Logger;
  locks: CallLocks;
  urls: WebhookUrls;
  voices: Voices;
  /** How spoken answers are judged (SPEECH_MIN_CONFIDENCE). */
  hearing: HearingOptions;
  timing: { effectTimeoutMs: number; turnDeadlineMs: number; sessionTtlMs: number };
  /**
   * A flow version this process has not loaded (the call started on another server, or before a
   * restart), found elsewhere: the release that holds it, from the database. Default: none.
   */
  findFlow?: (flowId: string, version: string) => Promise<CompiledFlow | undefined>;
  /** The working draft when this caller is a test caller (TEST_CALLERS), else undefined: they reach the active release. */
  draftFor?: (from: string) => Project | undefined;
  /** Told about every call and turn (the metrics); default: nobody. */
  observer?: CallObserver;
};
