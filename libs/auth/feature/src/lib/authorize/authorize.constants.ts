/** How long a user has to get through the login, picker and consent pages. */
export const AUTHORIZE_REQUEST_TTL_SECONDS = 15 * 60;

/** Authorization codes are short-lived (RFC 6749 §4.1.2 recommends at most 10 minutes). */
export const AUTHORIZATION_CODE_TTL_SECONDS = 120;
