import { type ArgumentsHost, BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { FhirError } from '@connector/fhir-outcomes';
import { AccessTokenError } from '../auth/access-token.error';
import { FhirExceptionFilter } from './fhir-exception.filter';
import { FhirHttpError } from './fhir-http.error';

interface Written {
  status?: number;
  headers: Record<string, string>;
  body?: string;
}

/** A Fastify reply stand-in that records what the filter writes. */
function hostFor(requestId: string): { host: ArgumentsHost; written: Written } {
  const written: Written = { headers: {} };
  const reply = {
    sent: false,
    status(code: number) {
      written.status = code;
      return reply;
    },
    headers(values: Record<string, string>) {
      Object.assign(written.headers, values);
      return reply;
    },
    header(name: string, value: string) {
      written.headers[name] = value;
      return reply;
    },
    send(body: string) {
      written.body = body;
      return reply;
    },
  };
  const http = { getRequest: () => ({ id: requestId }), getResponse: () => reply };
  return { host: { switchToHttp: () => http } as unknown as ArgumentsHost, written };
}

function filtered(exception: unknown): Written {
  const { host, written } = hostFor('req-7');
  new FhirExceptionFilter().catch(exception, host);
  return written;
}

const outcome = (severity: string, code: string, text: string) => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity, code, details: { text } }],
});

describe(FhirExceptionFilter.name, () => {
  describe('catch', () => {
    it('writes a FhirError as its status and OperationOutcome, as FHIR JSON, with the request id', () => {
      const written = filtered(FhirError.resourceNotFound('Patient', 'x'));
      expect(written.status).toBe(404);
      expect(written.headers).toEqual({
        'content-type': 'application/fhir+json; charset=utf-8',
        'x-request-id': 'req-7',
      });
      expect(JSON.parse(written.body ?? '')).toEqual(outcome('error', 'not-found', 'Resource Patient/x not found'));
    });

    it('adds the headers of a FhirHttpError', () => {
      const written = filtered(
        FhirHttpError.withHeaders(FhirError.methodNotAllowed('read-only'), { allow: 'GET, HEAD' }),
      );
      expect(written.status).toBe(405);
      expect(written.headers['allow']).toBe('GET, HEAD');
    });

    it('answers an expired token with 401 and an invalid_token challenge', () => {
      const written = filtered(new AccessTokenError('expired'));
      expect(written.status).toBe(401);
      expect(written.headers['www-authenticate']).toBe(
        'Bearer realm="connector", error="invalid_token", error_description="Access token expired"',
      );
      expect(JSON.parse(written.body ?? '')).toEqual(outcome('error', 'login', 'Access token expired'));
    });

    it('answers a missing token with a bare challenge and no error attribute (RFC 6750 §3.1)', () => {
      const written = filtered(new AccessTokenError('missing'));
      expect(written.status).toBe(401);
      expect(written.headers['www-authenticate']).toBe('Bearer realm="connector"');
    });

    it('adds the invalid_token challenge to a 401 that came without one (e.g. from a service)', () => {
      const written = filtered(FhirError.unauthorized('Token revoked'));
      expect(written.status).toBe(401);
      expect(written.headers['www-authenticate']).toBe('Bearer realm="connector", error="invalid_token"');
      expect(JSON.parse(written.body ?? '')).toEqual(outcome('error', 'login', 'Token revoked'));
    });

    it('keeps the challenge a 401 already carries', () => {
      const challenge = 'Bearer realm="connector", error="invalid_token", error_description="x"';
      const written = filtered(
        FhirHttpError.withHeaders(FhirError.unauthorized('x'), { 'www-authenticate': challenge }),
      );
      expect(written.headers['www-authenticate']).toBe(challenge);
    });

    it.each([
      [new NotFoundException('Cannot GET /x'), 404, 'not-found', 'Cannot GET /x'],
      [new BadRequestException('Body is not valid'), 400, 'invalid', 'Body is not valid'],
      [new HttpException('Request body is too large', 413), 413, 'too-long', 'Request body is too large'],
      [new HttpException('Teapot', 418), 418, 'processing', 'Teapot'],
    ])('maps the Nest exception %p to its status and issue code', (exception, status, code, text) => {
      const written = filtered(exception);
      expect(written.status).toBe(status);
      expect(JSON.parse(written.body ?? '')).toEqual(outcome('error', code, text));
    });

    it.each([
      new Error('connect ECONNREFUSED 10.0.0.5:5432'),
      new HttpException('stack at /srv/app.js', 502),
      'thrown string',
    ])('hides %p behind a generic 500-class answer', (exception) => {
      const written = filtered(exception);
      expect(written.status).toBe(exception instanceof HttpException ? 502 : 500);
      expect(written.headers['x-request-id']).toBe('req-7');
      expect(JSON.parse(written.body ?? '')).toEqual(outcome('fatal', 'exception', 'Internal server error'));
    });
  });
});
