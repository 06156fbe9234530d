import { FhirError } from '@connector/fhir-outcomes';
import { patientCompartmentParams, type ParameterFilter } from '@connector/fhir-search';
import { patientCompartmentCondition } from './compartment.conditions';
import { filterCondition } from './search-filter.sql';
import type { SearchRestriction, SqlBinder } from './sql-binder';

/**
 * A granular grant (SMART v2 `patient/Observation.rs?category=…|laboratory`): resources of `resourceType` it lets
 * through are those matching all of `filters`. See https://build.fhir.org/ig/HL7/smart-app-launch/scopes-and-launch-context.html
 */
export interface AccessConstraint {
  readonly resourceType: string;
  readonly filters: readonly ParameterFilter[];
}

/** What one caller may see. Each field left out restricts nothing. */
export interface ResourceAccess {
  /** The types the caller may read and search at all. */
  readonly resourceTypes?: readonly string[];
  /**
   * The patients whose compartments bound what the caller sees (a patient's or representative's token). Types in
   * the Patient compartment are limited to those compartments; types outside it (Practitioner, Organization,
   * Medication, Location…) hold no patient's data and stay visible.
   */
  readonly patients?: readonly string[];
  /** Granular grants: a type named here is visible only where at least one of its constraints matches. */
  readonly constraints?: readonly AccessConstraint[];
}

/**
 * The access context of one request, applied by the store inside every statement that reads resources — matches,
 * chain targets, `_has` sources, include and revinclude results, reads — never by dropping rows after a LIMIT, which
 * would leak counts and break paging.
 */
export class AccessPolicy {
  static readonly UNRESTRICTED = new AccessPolicy({});

  private readonly types: ReadonlySet<string> | undefined;

  constructor(private readonly access: ResourceAccess) {
    this.types = access.resourceTypes === undefined ? undefined : new Set(access.resourceTypes);
  }

  /** True when nothing is restricted: statements stay as they are. */
  get unrestricted(): boolean {
    return this.types === undefined && this.access.patients === undefined && this.access.constraints === undefined;
  }

  /** Whether resources of the type may be seen at all. */
  allowsType(resourceType: string): boolean {
    return this.types === undefined || this.types.has(resourceType);
  }

  /** A read or search of a type the caller may not see is a 403, whether or not anything exists. */
  requireType(resourceType: string): void {
    if (!this.allowsType(resourceType)) {
      throw FhirError.forbidden(`This access token does not grant access to ${resourceType} resources`);
    }
  }

  /** The policy as the binder's restriction; undefined when unrestricted. */
  get restriction(): SearchRestriction | undefined {
    return this.unrestricted ? undefined : (type, idColumn, binder) => this.condition(type, idColumn, binder);
  }

  private condition(resourceType: string, idColumn: string, binder: SqlBinder): string | undefined {
    if (!this.allowsType(resourceType)) {
      return '1 = 0';
    }
    const parts: string[] = [];
    const { patients, constraints = [] } = this.access;
    if (patients !== undefined && patientCompartmentParams(resourceType) !== undefined) {
      parts.push(patientCompartmentCondition(resourceType, patients, idColumn, binder));
    }
    const grants = constraints.filter((constraint) => constraint.resourceType === resourceType);
    if (grants.length > 0) {
      const alternatives = grants.map((grant) =>
        grant.filters.length === 0
          ? '1 = 1'
          : grant.filters.map((filter) => filterCondition(filter, resourceType, idColumn, binder)).join(' AND '),
      );
      parts.push(`(${alternatives.map((alternative) => `(${alternative})`).join(' OR ')})`);
    }
    return parts.length === 0 ? undefined : parts.join(' AND ');
  }
}
