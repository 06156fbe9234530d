import { jsonToXml } from '@connector/fhir-serializers';

/**
 * A response body the gateway built as FHIR JSON text, as FHIR XML. The text is the services' or the gateway's own
 * output, so a conversion failure is the server's fault: it becomes a plain Error (a 500 that hides the details),
 * not the serializer's 400 meant for bad client input.
 */
export function xmlBody(jsonText: string, pretty: boolean): string {
  try {
    return jsonToXml(jsonText, { pretty });
  } catch (error) {
    throw new Error(
      `Could not write a response as FHIR XML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
