/** R4 resource type names: an upper-case letter then letters. See https://hl7.org/fhir/R4/resource.html */
export const RESOURCE_TYPE_PATTERN = /^[A-Z][A-Za-z]{1,63}$/;

/** R4 `id`: 1–64 of [A-Za-z0-9-.]. See https://hl7.org/fhir/R4/datatypes.html#id */
export const RESOURCE_ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;
