import { Inject, Injectable } from '@nestjs/common';
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { AuthSubjects, GetJwksRequest, JwksReply } from '@connector/contracts';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import { CLOCK, type Clock } from '../clock';
import { JWKS_CACHE_MS, JWKS_REFETCH_THROTTLE_MS } from '../gateway.constants';

/** Picks the verification key for a JWS header from a fetched key set (jose's local JWKS). */
export type KeyResolver = ReturnType<typeof createLocalJWKSet>;

interface FetchedKeySet {
  readonly jwks: JwksReply;
  readonly resolver: KeyResolver;
  readonly fetchedAt: number;
}

/**
 * The auth service's public signing keys, fetched over the transport and kept for {@link JWKS_CACHE_MS}; a token
 * naming an unknown key may force a refetch at most every {@link JWKS_REFETCH_THROTTLE_MS} (key rotation).
 */
@Injectable()
export class JwksService {
  private current: FetchedKeySet | undefined;
  private inFlight: Promise<FetchedKeySet> | undefined;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;

  constructor(
    @Inject(SERVICE_CLIENTS) private readonly clients: ServiceClients,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  /** The key set as published at `/.well-known/jwks.json`. */
  async publicKeySet(): Promise<JwksReply> {
    return (await this.fresh()).jwks;
  }

  async keyResolver(): Promise<KeyResolver> {
    return (await this.fresh()).resolver;
  }

  /** Refetches unless a fetch was attempted within the throttle window; true when it did refetch. */
  async refetchForUnknownKey(): Promise<boolean> {
    if (this.now() - this.lastAttemptAt < JWKS_REFETCH_THROTTLE_MS) {
      return false;
    }
    await this.fetch();
    return true;
  }

  private async fresh(): Promise<FetchedKeySet> {
    const current = this.current;
    if (current !== undefined && this.now() - current.fetchedAt < JWKS_CACHE_MS) {
      return current;
    }
    return this.fetch();
  }

  // Concurrent callers share one request to the auth service.
  private fetch(): Promise<FetchedKeySet> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(): Promise<FetchedKeySet> {
    this.lastAttemptAt = this.now();
    const reply = await this.clients.get('auth').request(AuthSubjects.getJwks, new GetJwksRequest(), JwksReply);
    const jwks = Object.assign(new JwksReply(), { keys: reply.keys });
    const resolver = createLocalJWKSet(jwks as unknown as JSONWebKeySet);
    this.current = { jwks, resolver, fetchedAt: this.now() };
    return this.current;
  }
}
