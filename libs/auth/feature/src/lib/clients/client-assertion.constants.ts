/** `client_assertion_type` of a JWT client assertion. See https://www.rfc-editor.org/rfc/rfc7523#section-2.2 */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** SMART Backend Services: an assertion's `exp` is no more than five minutes in the future. */
export const CLIENT_ASSERTION_MAX_LIFETIME_SECONDS = 5 * 60;
