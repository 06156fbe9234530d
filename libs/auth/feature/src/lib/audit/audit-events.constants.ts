/** Every kind of event the auth audit trail records; stored in `auth_audit_event.event`. */
export const AUDIT_EVENTS = [
  'login',
  'token',
  'refresh',
  'revoke',
  'introspect',
  'authorize',
  'consent',
  'launch',
  'throttled',
] as const;

export type AuditEventName = (typeof AUDIT_EVENTS)[number];

export type AuditOutcome = 'success' | 'failure';

/**
 * Longest `detail` stored or logged. Detail is a short reason (`invalid_grant`, `unknown user`), never a payload, so
 * a caller that passes something large by mistake loses the tail instead of filling the table.
 */
export const AUDIT_DETAIL_MAX_LENGTH = 256;
