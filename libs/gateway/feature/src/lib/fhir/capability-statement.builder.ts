import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4';
import { owningService } from '@connector/contracts';
import { searchParametersFor } from '@connector/fhir-search-parameters';
import { R4_RESOURCE_TYPES } from '@connector/fhir-types';
import { CONNECTOR_SOFTWARE_NAME, CONNECTOR_VERSION } from '../gateway.constants';
import type { OAuthUrls } from '../oauth/oauth-urls.util';

const SECURITY_SERVICE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/restful-security-service';
const OAUTH_URIS_EXTENSION = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

/**
 * Every type some service stores, in R4 order: each is readable by id (current version, any version, its history,
 * conditionally on If-None-Match / If-Modified-Since) and searchable by the parameters the
 * definitions table gives it (R4 base + US Core 6.1.0), the same table the services parse queries with.
 */
function servedResources(): CapabilityStatementRestResource[] {
  return R4_RESOURCE_TYPES.filter((type) => owningService(type) !== undefined).map(
    (type): CapabilityStatementRestResource => ({
      type,
      interaction: [{ code: 'read' }, { code: 'vread' }, { code: 'history-instance' }, { code: 'search-type' }],
      versioning: 'versioned',
      readHistory: true,
      conditionalRead: 'full-support',
      searchParam: searchParametersFor(type).map(({ code, type: paramType, url }) => ({
        name: code,
        type: paramType,
        definition: url,
      })),
    }),
  );
}

/**
 * What this server really does today (read by id, type-level search, JSON and XML, SMART on FHIR OAuth), and nothing more.
 * See https://hl7.org/fhir/R4/capabilitystatement.html and
 * https://hl7.org/fhir/smart-app-launch/1.0.0/conformance/index.html#declaring-support-for-oauth2-endpoints
 */
export function buildCapabilityStatement(fhirBaseUrl: string, urls: OAuthUrls, date: Date): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: date.toISOString(),
    kind: 'instance',
    software: { name: CONNECTOR_SOFTWARE_NAME, version: CONNECTOR_VERSION },
    implementation: { description: `${CONNECTOR_SOFTWARE_NAME} FHIR R4 server`, url: fhirBaseUrl },
    fhirVersion: '4.0.1',
    format: ['json', 'xml'],
    rest: [
      {
        mode: 'server',
        security: {
          extension: [
            {
              url: OAUTH_URIS_EXTENSION,
              extension: [
                { url: 'authorize', valueUri: urls.authorize },
                { url: 'token', valueUri: urls.token },
                { url: 'introspect', valueUri: urls.introspect },
                { url: 'revoke', valueUri: urls.revoke },
              ],
            },
          ],
          service: [
            {
              coding: [{ system: SECURITY_SERVICE_SYSTEM, code: 'SMART-on-FHIR' }],
              text: 'OAuth2 using SMART-on-FHIR',
            },
          ],
        },
        resource: servedResources(),
      },
    ],
  };
}
