import type { DeskAgent } from './desk-types';

/** Twilio Client calls come From "client:<identity>". */
const CLIENT = /^client:(.+)$/;

/**
 * The agent calling the desk, by Twilio's `From`: their phone in E.164, or `client:<identity>`
 * from a Twilio Client softphone. Undefined for anyone else (the desk refuses them).
 */
export function findAgent(agents: readonly DeskAgent[], from: string): DeskAgent | undefined {
  const client = CLIENT.exec(from)?.[1];
  if (client !== undefined) return agents.find((a) => a.client === client);
  return from ? agents.find((a) => a.phone === from) : undefined;
}
