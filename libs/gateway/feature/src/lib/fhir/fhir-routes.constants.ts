import { FHIR_BASE_PATHS } from '../gateway.constants';

/** The FHIR bases as Nest controller paths (no leading slash). */
export const FHIR_CONTROLLER_PATHS = FHIR_BASE_PATHS.map((base) => base.slice(1));
