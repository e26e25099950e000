import { z } from 'zod';

/** What a studio user may do: designers publish, supervisors read figures and work tickets, viewers read. */
export const StudioRoleSchema = z.enum(['viewer', 'supervisor', 'designer']);
export type StudioRole = z.infer<typeof StudioRoleSchema>;
export const ROLE_RANK: Readonly<Record<StudioRole, number>> = { viewer: 0, supervisor: 1, designer: 2 };

export type StudioUser = { name: string; role: StudioRole; token: string };

/** The development studio user's token: printed at start, refused in production. */
export const DEV_STUDIO_TOKEN = 'dev-studio-token-not-a-secret';

/**
 * STUDIO_USERS: `name:role:token`, comma-separated (e.g. `alice:designer:…,bob:supervisor:…`);
 * tokens at least 16 characters, names unique.
 */
export function parseStudioUsers(raw: string): StudioUser[] | string {
  const users: StudioUser[] = [];
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name = '', role = '', token = ''] = part.split(':');
    const parsedRole = StudioRoleSchema.safeParse(role);
    if (!/^[\w.@-]{1,64}$/.test(name) || !parsedRole.success || token.length < 16 || part.split(':').length !== 3) {
      return `"${part.replace(/:[^:]*$/, ':…')}" is not a studio user: write name:role:token with role viewer, supervisor or designer and a token of at least 16 characters (openssl rand -hex 16)`;
    }
    if (users.some((u) => u.name === name)) return `"${name}" is listed twice`;
    users.push({ name, role: parsedRole.data, token });
  }
  return users;
}
