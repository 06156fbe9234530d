import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AccessTokenVerifier } from './access-token.verifier';
import { bearerTokenOf } from './bearer-token.util';

/** Requires a valid `Authorization: Bearer <jwt>` and puts its claims on `request.accessToken`. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(private readonly verifier: AccessTokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    request.accessToken = await this.verifier.verify(bearerTokenOf(request.headers.authorization));
    return true;
  }
}
