import type { INestApplicationContext } from '@nestjs/common';
import { AuthHandler } from '../lib/auth.handler';
import { BATCH_CLIENT, PATIENT_USER, PROVIDER_USER, PUBLIC_CLIENT, REPRESENTATIVE_USER, WEB_CLIENT } from './auth-seed';
import { startAuthModule } from './auth-test-module';

/** RFC 7617 Basic credentials, written out by hand (no form-encoding needed for the seeded ids and secrets). */
export function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
}

export const WEB_BASIC = basic(WEB_CLIENT.clientId, WEB_CLIENT.clientSecret);

/** The RFC 6749 §5.1 headers every token-endpoint answer must carry, success or error. */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** A Resource Owner Password Credentials request form (RFC 6749 §4.3.2). */
export function passwordForm(
  user: { username: string; password: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return { grant_type: 'password', username: user.username, password: user.password, ...extra };
}

/** The auth module with every seeded client and user registered through the handler. */
export async function startSeededAuthModule(
  dataDir: string,
  overrides: Record<string, string> = {},
): Promise<INestApplicationContext> {
  const app = await startAuthModule(dataDir, overrides);
  const handler = app.get(AuthHandler);
  for (const client of [WEB_CLIENT, PUBLIC_CLIENT, BATCH_CLIENT]) {
    await handler.createClient(client);
  }
  for (const user of [PROVIDER_USER, PATIENT_USER, REPRESENTATIVE_USER]) {
    await handler.createUser(user);
  }
  return app;
}
