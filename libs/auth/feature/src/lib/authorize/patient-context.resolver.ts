import { Injectable } from '@nestjs/common';
import type { AuthorizationRequestEntity, ClientEntity, UserEntity } from '@connector/auth-data-access';
import { grantedScopes } from '../scopes/granted-scopes.util';
import type { PatientChoice } from './authorize-pages.html';
import { PatientDirectoryService } from './patient-directory.service';

/** Whose record the token will be about, as far as it is known right after sign-in. */
export type InitialPatient =
  | { readonly kind: 'known'; readonly patientId: string }
  | { readonly kind: 'pick'; readonly choices: readonly PatientChoice[] }
  | { readonly kind: 'none' }
  | { readonly kind: 'denied'; readonly reason: string };

/**
 * Decides the patient context of an authorization: an EHR launch brings it; a patient acts for their own record; a
 * representative for the people they represent; providers and staff pick one when `launch/patient` asks for it.
 * See https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#launch-context-arrives-with-your-access_token
 */
@Injectable()
export class PatientContextResolver {
  constructor(private readonly directory: PatientDirectoryService) {}

  /** The requested scopes this client may have and this user's role allows. */
  scopesFor(request: AuthorizationRequestEntity, client: ClientEntity, user: UserEntity): string[] {
    return grantedScopes(request.scopes, client.scopes, user.role);
  }

  async initialPatient(
    request: AuthorizationRequestEntity,
    user: UserEntity,
    scopes: readonly string[],
    fhirBaseUrl: string,
  ): Promise<InitialPatient> {
    const actsForOthers = user.role === 'patient' || user.role === 'authorized-representative';
    if (request.launchPatient !== null) {
      if (actsForOthers && !user.patientIds.includes(request.launchPatient)) {
        return { kind: 'denied', reason: 'The launch patient is not one you may act for' };
      }
      return { kind: 'known', patientId: request.launchPatient };
    }
    if (actsForOthers) {
      if (user.patientIds.length === 0) {
        return { kind: 'denied', reason: 'No patient record is linked to this account' };
      }
      return user.patientIds.length === 1
        ? { kind: 'known', patientId: user.patientIds[0] }
        : { kind: 'pick', choices: await this.choices(user, '', fhirBaseUrl) };
    }
    if (!scopes.includes('launch/patient')) {
      return { kind: 'none' };
    }
    // A provider or staff member: show the picker (its first page is this search), unless there is nothing to pick.
    const choices = await this.directory.search('', fhirBaseUrl);
    return choices.length === 0
      ? { kind: 'denied', reason: 'There is no patient to choose' }
      : { kind: 'pick', choices };
  }

  /** The patients the picker offers this user, filtered by a name query. */
  async choices(user: UserEntity, query: string, fhirBaseUrl: string): Promise<PatientChoice[]> {
    if (user.role === 'provider' || user.role === 'staff') {
      return this.directory.search(query, fhirBaseUrl);
    }
    const own = await this.directory.byIds(user.patientIds, fhirBaseUrl);
    const wanted = query.trim().toLowerCase();
    return wanted === '' ? own : own.filter((patient) => patient.name.toLowerCase().includes(wanted));
  }

  /** Whether the user may choose this patient (it exists and, for a representative, is one of theirs). */
  async mayPick(user: UserEntity, patientId: string, fhirBaseUrl: string): Promise<boolean> {
    if (user.role !== 'provider' && user.role !== 'staff' && !user.patientIds.includes(patientId)) {
      return false;
    }
    return (await this.directory.byIds([patientId], fhirBaseUrl)).length === 1;
  }

  async nameOf(patientId: string, fhirBaseUrl: string): Promise<string> {
    return (await this.directory.byIds([patientId], fhirBaseUrl))[0]?.name ?? `Patient ${patientId}`;
  }
}
