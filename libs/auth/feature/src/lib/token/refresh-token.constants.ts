/** `offline_access`: refresh tokens keep working this long after the user consented, unless revoked. */
export const OFFLINE_GRANT_TTL_SECONDS = 90 * 24 * 3600;

/** `online_access`: access lasts about a working day (we hold no browser session to tie it to). */
export const ONLINE_GRANT_TTL_SECONDS = 12 * 3600;
