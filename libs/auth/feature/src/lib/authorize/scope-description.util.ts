import { isResourceScope, parseSmartScope } from '@connector/smart-scopes';

const IDENTITY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  openid: 'Know who you are (OpenID Connect)',
  fhirUser: 'Know which FHIR record is you',
  profile: 'Read your profile',
  launch: 'Receive the context the launching application provides',
  'launch/patient': 'Know which patient is selected',
  'launch/encounter': 'Know which encounter is selected',
  offline_access: 'Keep access after you sign out (until you revoke it)',
  online_access: 'Keep access while you are signed in',
};

const OWNER: Readonly<Record<string, string>> = {
  patient: "the selected patient's",
  user: 'the',
  system: 'all',
};

/** The consent page's plain-language line for a scope (the scope itself is shown beside it). */
export function describeScope(scope: string): string {
  const parsed = parseSmartScope(scope);
  if (parsed === undefined) {
    return scope;
  }
  if (!isResourceScope(parsed)) {
    return IDENTITY_DESCRIPTIONS[parsed.kind] ?? scope;
  }
  const verbs = [parsed.permissions.has('r') ? 'read' : undefined, parsed.permissions.has('s') ? 'search' : undefined]
    .filter((verb) => verb !== undefined)
    .join(' and ');
  const what = parsed.resourceType === '*' ? 'records of every kind' : `${parsed.resourceType} records`;
  const filter =
    parsed.query === undefined
      ? ''
      : ` where ${parsed.query.map(([name, value]) => `${name} is ${value}`).join(' and ')}`;
  return `${verbs === '' ? 'Access' : verbs[0].toUpperCase() + verbs.slice(1)} ${OWNER[parsed.context]} ${what}${filter}`;
}
