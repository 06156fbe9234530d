import { FhirError } from '@connector/fhir-outcomes';
import { isResourceScope, type ScopeContext, type ScopeInteraction, type SmartScope } from '@connector/smart-scopes';
import { FhirHttpError } from '../http/fhir-http.error';
import { BEARER_REALM } from './access-token-failure.util';

const LETTER: Readonly<Record<ScopeInteraction, string>> = { read: 'r', search: 's' };
const CONTEXT_PREFERENCE: readonly ScopeContext[] = ['user', 'system', 'patient'];

/**
 * The 403 answer to a read or search of a type the token's scopes do not grant: an OperationOutcome and the
 * RFC 6750 §3.1 `insufficient_scope` challenge naming the SMART v2 scope that would grant it, in the context the
 * token already reads in. See https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export function insufficientScope(
  scopes: readonly SmartScope[],
  resourceType: string,
  interaction: ScopeInteraction,
  patientUser: boolean,
): FhirHttpError {
  const contexts = new Set(scopes.filter(isResourceScope).map((scope) => scope.context));
  const context = patientUser ? 'patient' : (CONTEXT_PREFERENCE.find((each) => contexts.has(each)) ?? 'user');
  const needed = `${context}/${resourceType}.${LETTER[interaction]}`;
  const text = `This access token does not grant ${interaction} access to ${resourceType} resources`;
  const challenge = `Bearer realm="${BEARER_REALM}", error="insufficient_scope", error_description="${text}", scope="${needed}"`;
  return FhirHttpError.withHeaders(FhirError.forbidden(text), { 'www-authenticate': challenge });
}
