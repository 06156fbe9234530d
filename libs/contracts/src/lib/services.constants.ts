/** The back-end services behind the gateway. Each owns its own database and listens on `<service>.>` subjects. */
export const SERVICE_NAMES = ['auth', 'chart', 'practice', 'terminology'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Services that hold FHIR resources (auth holds users, clients and keys, not resources). */
export const RESOURCE_SERVICE_NAMES = ['chart', 'practice', 'terminology'] as const;
export type ResourceServiceName = (typeof RESOURCE_SERVICE_NAMES)[number];

/** NATS queue group of a service: N copies of one service share its subjects' load. */
export function queueGroupOf(service: ServiceName): string {
  return `connector-${service}`;
}
