import type { FastifyReply } from 'fastify';
import type { OAuthHttpReply } from '@connector/contracts';
import { JSON_CONTENT_TYPE } from '../gateway.constants';

/** Writes an OAuth endpoint's answer; tokens must never be cached (RFC 6749 §5.1). */
export function sendOAuthReply(reply: FastifyReply, answer: OAuthHttpReply): void {
  void reply
    .status(answer.status)
    .headers({ 'cache-control': 'no-store', pragma: 'no-cache', ...answer.headers })
    .header('content-type', JSON_CONTENT_TYPE)
    .send(JSON.stringify(answer.body));
}

/** An RFC 6749 §5.2 error answer produced by the gateway itself. */
export function oauthError(status: number, error: string, description: string): OAuthHttpReply {
  return { status, body: { error, error_description: description } };
}
