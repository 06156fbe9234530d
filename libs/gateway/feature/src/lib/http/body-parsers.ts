import type { FastifyInstance } from 'fastify';
import { REQUEST_BODY_LIMIT_BYTES } from '../gateway.constants';

/** A form body as parsed: each name with every value it was given (OAuth forbids repeats, so keep them visible). */
export type FormBody = Readonly<Record<string, readonly string[]>>;

/**
 * The gateway's only body parsers (Nest's are off): urlencoded forms for the token endpoint, and any other
 * content type read as raw bytes, so that e.g. a FHIR JSON POST is answered 405 by its route, not 415 or 400
 * by a parser that ran first.
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  const options = { parseAs: 'string' as const, bodyLimit: REQUEST_BODY_LIMIT_BYTES };
  fastify.addContentTypeParser('application/x-www-form-urlencoded', options, (_request, body, done) => {
    done(null, parseForm(String(body)));
  });
  fastify.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: REQUEST_BODY_LIMIT_BYTES },
    (_request, body, done) => {
      done(null, body);
    },
  );
}

function parseForm(body: string): FormBody {
  // A Map, not an object literal: a field named `__proto__` must stay a plain field.
  const form = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(body)) {
    const values = form.get(name);
    if (values === undefined) {
      form.set(name, [value]);
    } else {
      values.push(value);
    }
  }
  return Object.fromEntries(form);
}
