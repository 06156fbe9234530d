import type { FastifyRequest } from 'fastify';
import { FHIR_BASE_PATHS } from '../gateway.constants';

// Longest first so that a base which is a prefix of another can never shadow it.
const BASES_LONGEST_FIRST = [...FHIR_BASE_PATHS].sort((a, b) => b.length - a.length);

/** The FHIR base path (`/fhir` or an alias) the matched route lives under; `/fhir` when none matches. */
export function fhirBasePathOf(request: FastifyRequest): string {
  const route = request.routeOptions.url ?? request.url;
  return BASES_LONGEST_FIRST.find((base) => route === base || route.startsWith(`${base}/`)) ?? FHIR_BASE_PATHS[0];
}
