// FHIR R4 JSON ⇄ XML. See README.md.
export { jsonToXml, type JsonToXmlOptions, FHIR_NAMESPACE } from './lib/json-to-xml';
export { xmlToJson } from './lib/xml-to-json';
