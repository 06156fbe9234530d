/**
 * JWK members that only a private or symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4): a key set holding one would
 * hand the server — and anyone who reads its database — the client's signing secret.
 */
const SECRET_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/**
 * The JWK Set a client registers for `private_key_jwt`, as compact JSON, after checking it holds public keys only.
 * Throws with a message naming the file and the offending key. See https://www.rfc-editor.org/rfc/rfc7517#section-5
 */
export function publicJwksText(text: string, source: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not JSON: a JWK Set looks like {"keys": [...]}`);
  }
  const keys = isRecord(parsed) ? parsed['keys'] : undefined;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new Error(`${source} is not a JWK Set: it needs a non-empty "keys" array`);
  }
  keys.forEach((key: unknown, index) => checkPublicKey(key, `${source} key ${index + 1}`));
  return JSON.stringify({ keys });
}

function checkPublicKey(key: unknown, where: string): void {
  if (!isRecord(key) || typeof key['kty'] !== 'string') {
    throw new Error(`${where} is not a JWK: it has no "kty"`);
  }
  const secret = SECRET_MEMBERS.find((member) => member in key);
  if (secret !== undefined) {
    const kid = typeof key['kid'] === 'string' ? ` (kid ${key['kid']})` : '';
    throw new Error(
      `REFUSED: ${where}${kid} is a private or secret key (it has "${secret}"). Register the PUBLIC key set only; ` +
        'the private key must never leave the client. Consider that key compromised if it was shared.',
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
