/**
 * The studio's calls to its server: every request carries the signed-in user's token in the
 * Authorization header (kept for this tab only, in sessionStorage), never in a cookie, so another
 * site cannot make the browser act for the user.
 */
const TOKEN_KEY = 'ivr-studio-token';

export type Role = 'viewer' | 'supervisor' | 'designer';
export type Me = { name: string; role: Role };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

export async function api<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const token = init.token ?? session.token();
  const res = await fetch(`/studio/api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const message = typeof data === 'object' && data !== null && 'error' in data ? String((data as { error: unknown }).error) : `${res.status}`;
    throw new ApiError(res.status, message);
  }
  return data as T;
}
