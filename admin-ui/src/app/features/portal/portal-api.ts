import type { TypedDocumentNode } from '@apollo/client';
import { print } from 'graphql';

/** An error from the API with its code (NOT_FOUND, RATE_LIMITED, BAD_USER_INPUT, …). */
export class PortalError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/**
 * The portal talks to the API with plain fetch, not the staff Apollo client: it must never send a
 * staff token that happens to be in the same browser, nor try to refresh one.
 */
export async function portalRequest<R, V>(document: TypedDocumentNode<R, V>, variables: V, token?: string | null): Promise<R> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: print(document), variables }),
    });
  } catch {
    throw new PortalError('network', 'NETWORK');
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: R;
    errors?: { message: string; extensions?: { code?: string; retryAfter?: number } }[];
  };
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new PortalError(first.message, first.extensions?.code ?? 'ERROR', first.extensions?.retryAfter);
  }
  if (!body.data) throw new PortalError(`HTTP ${response.status}`, 'ERROR');
  return body.data;
}

export interface StoredPortalSession {
  token: string;
  number: string;
  expiresAt: string;
}

/** The session lasts for the browser tab: a shared computer should not keep it. */
export function readPortalSession(portalKey: string, now = Date.now()): StoredPortalSession | null {
  try {
    const raw = sessionStorage.getItem(`portal.${portalKey}`);
    const session = raw ? (JSON.parse(raw) as StoredPortalSession) : null;
    return session && Date.parse(session.expiresAt) > now ? session : null;
  } catch {
    return null;
  }
}

export function writePortalSession(portalKey: string, session: StoredPortalSession | null): void {
  try {
    if (session) sessionStorage.setItem(`portal.${portalKey}`, JSON.stringify(session));
    else sessionStorage.removeItem(`portal.${portalKey}`);
  } catch {
    // Storage disabled: the session lasts until reload.
  }
}
