import { isResourceScope, parseSmartScope, type ResourceScope } from '@connector/smart-scopes';
import { RECORD_CATEGORIES } from './record-categories.constants';

/** The consent form's value for "leave this category out of this wildcard scope". */
export function categoryChoiceValue(scope: string, categoryId: string): string {
  return `${scope}#${categoryId}`;
}

/** Whether the consent page offers categories under this scope: a resource scope for every type. */
export function offersCategories(scope: string): boolean {
  const parsed = parseSmartScope(scope);
  return parsed !== undefined && isResourceScope(parsed) && parsed.resourceType === '*';
}

/**
 * The scopes the user consented to: each wildcard resource scope kept whole when no category under it was withheld,
 * dropped when all were, else replaced by one scope per type of the categories kept, in the scope's own syntax
 * (v1 `patient/Observation.read`, v2 `patient/Observation.rs`). Other scopes pass through. Withholding is an opt-in
 * box (not an opt-out one) so that a form posted without the boxes keeps what the user saw ticked.
 */
export function narrowedScopes(scopes: readonly string[], withheld: ReadonlySet<string>): string[] {
  return scopes.flatMap((scope) => {
    if (!offersCategories(scope)) {
      return [scope];
    }
    const kept = RECORD_CATEGORIES.filter((category) => !withheld.has(categoryChoiceValue(scope, category.id)));
    if (kept.length === RECORD_CATEGORIES.length) {
      return [scope];
    }
    const parsed = parseSmartScope(scope) as ResourceScope;
    const suffix = scope.slice(scope.lastIndexOf('.') + 1);
    const types = [...new Set(kept.flatMap((category) => category.types))];
    return types.map((type) => `${parsed.context}/${type}.${suffix}`);
  });
}
