import type { OAuthHttpReply } from '@connector/contracts';
import type { createLogger } from '@connector/shared-logging';
import { oauthErrorReply } from './oauth-error-reply.util';

/**
 * The RFC 6749 §5.2 answer to a failed token, introspection or revocation request; a server fault is logged, with
 * the error only (the form holds a password, a token or a client secret).
 */
export function loggedOAuthErrorReply(
  error: unknown,
  logger: ReturnType<typeof createLogger>,
  what: string,
): OAuthHttpReply {
  const reply = oauthErrorReply(error);
  if (reply.status >= 500) {
    const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
    logger.error({ err: { name, message, stack } }, `${what} failed`);
  }
  return reply;
}
