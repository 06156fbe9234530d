/**
 * The algorithms a client assertion (`private_key_jwt`) may be signed with: SMART Backend Services allows RS384 and
 * ES384. The auth service verifies with exactly these and the gateway's discovery document advertises them.
 * See https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html
 */
export const CLIENT_ASSERTION_ALGORITHMS: readonly string[] = ['RS384', 'ES384'];
