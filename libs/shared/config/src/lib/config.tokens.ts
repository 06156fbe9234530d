/** Nest injection token of the process's {@link ConnectorConfig}. */
export const CONNECTOR_CONFIG = Symbol('CONNECTOR_CONFIG');
