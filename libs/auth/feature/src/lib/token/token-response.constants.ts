/** Token responses carry credentials: no cache may keep them (RFC 6749 §5.1, also on errors). */
export const TOKEN_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
};

/** Sent with every 401 from the token endpoint: clients authenticate with HTTP Basic (RFC 6749 §2.3.1). */
export const CLIENT_AUTHENTICATE_CHALLENGE = 'Basic realm="connector"';
