import type { AuthPageReply } from '@connector/contracts';
import { errorPage } from './authorize-pages.html';

/** Pages of the flow must never be cached, framed by another site, or leak the request id in a Referer. */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * No scripts, no framing, forms only to us — and to the app's redirect URI: a browser checks the 303 that follows
 * the last form post against `form-action` too, so without the app's origin it would block the way back.
 */
function securityPolicy(redirectUri: string | undefined): string {
  const formTargets = redirectUri === undefined ? "'self'" : `'self' ${new URL(redirectUri).origin}`;
  return `default-src 'none'; style-src 'unsafe-inline'; form-action ${formTargets}; frame-ancestors 'none'`;
}

/** A page of the flow; `redirectUri`: where its form may end up (the app), when the page belongs to a request. */
export function htmlReply(
  status: number,
  html: string,
  headers: Record<string, string> = {},
  redirectUri?: string,
): AuthPageReply {
  return {
    status,
    headers: { ...PAGE_HEADERS, 'content-security-policy': securityPolicy(redirectUri), ...headers },
    html,
  };
}

export function errorPageReply(status: number, title: string, message: string): AuthPageReply {
  return htmlReply(status, errorPage(title, message));
}

/**
 * Sends the browser back to the app with the outcome in the query (RFC 6749 §4.1.2 and §4.1.2.1): 303 so the
 * browser follows with a GET even after a form POST.
 */
export function redirectReply(redirectUri: string, params: Record<string, string | null | undefined>): AuthPageReply {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) {
      target.searchParams.set(name, value);
    }
  }
  return {
    status: 303,
    headers: { location: target.toString(), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  };
}

/** An RFC 6749 §4.1.2.1 error redirect; `state` is echoed exactly when the app sent one. */
export function errorRedirect(
  redirectUri: string,
  error: AuthorizeErrorCode,
  description: string,
  state: string | null | undefined,
): AuthPageReply {
  return redirectReply(redirectUri, { error, error_description: description, state });
}

/** The error codes of RFC 6749 §4.1.2.1. */
export type AuthorizeErrorCode =
  | 'invalid_request'
  | 'unauthorized_client'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'server_error';
