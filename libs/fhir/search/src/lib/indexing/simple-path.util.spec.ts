import { searchParametersFor } from '@connector/fhir-search-parameters';
import type { FhirResource } from 'fhir/r4';
import { compositeComponents } from './composite-components.util';
import { evaluateTyped, evaluateWithFhirpath, type TypedValue } from './fhirpath-evaluator';
import { compileSimplePath } from './simple-path.util';
import { r4Examples, syntheaResources, usCoreExamples } from './testing/index-test-data';

// The walker must select what fhirpath.js selects — same data, type and model path — for every search parameter
// (and composite component) on every shared resource. fhirpath.js's null-data nodes (extension-only primitives)
// are left out of its side: they index nothing, and the walker does not produce them.
const present = (values: TypedValue[]) => values.filter((value) => value.data !== null && value.data !== undefined);

interface Mismatch {
  readonly at: string;
  readonly walker: TypedValue[];
  readonly fhirpath: TypedValue[];
}

function compare(
  at: string,
  expression: string,
  input: unknown,
  mismatches: Mismatch[],
  base?: string,
  root?: unknown,
) {
  const walker = evaluateTyped(expression, input, base, root);
  const fhirpath = present(evaluateWithFhirpath(expression, input, base, root));
  if (JSON.stringify(walker) !== JSON.stringify(fhirpath)) {
    mismatches.push({ at, walker, fhirpath });
  }
}

describe(compileSimplePath.name, () => {
  it('selects what fhirpath.js selects, for every parameter and composite component on all shared data', () => {
    const resources: FhirResource[] = [...syntheaResources(), ...usCoreExamples(), ...r4Examples()];
    const mismatches: Mismatch[] = [];
    let simple = 0;
    let evaluations = 0;
    for (const resource of resources) {
      for (const definition of searchParametersFor(resource.resourceType)) {
        const { expression } = definition;
        if (!expression) {
          continue;
        }
        evaluations++;
        simple += compileSimplePath(expression, undefined) ? 1 : 0;
        const at = `${resource.resourceType}/${resource.id} ${definition.code}`;
        compare(at, expression, resource, mismatches);
        if (definition.type !== 'composite') {
          continue;
        }
        for (const element of evaluateWithFhirpath(expression, resource)) {
          for (const component of compositeComponents(definition)) {
            compare(`${at} ${component.code}`, component.expression, element.data, mismatches, element.path, resource);
          }
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(resources.length).toBeGreaterThan(3_700);
    // Nearly every expression is a plain path: that is what makes the walker worth having.
    expect(simple / evaluations).toBeGreaterThan(0.9);
  });

  it.each([
    ['Patient.name.given.exists()', 'a function'],
    ['Bundle.entry[0].resource', 'an indexer'],
    ['%resource.referenceSeq.chromosome', 'an environment variable'],
    ['Patient.deceased.exists() and Patient.deceased != false', 'an operator'],
    ["Patient.telecom.where(system='email' or use='home')", 'another where criterion'],
  ])('leaves %p (%s) to fhirpath.js', (expression) => {
    expect(compileSimplePath(expression, undefined)).toBeUndefined();
  });

  it('takes the first choice-type property present, as fhirpath.js does, and filters it with ofType', () => {
    const observation = { resourceType: 'Observation', valueQuantity: { value: 1 }, valueString: 'x' };
    const value = compileSimplePath('Observation.value', undefined);
    expect(value?.(observation)).toEqual([{ data: { value: 1 }, type: 'Quantity', path: 'Quantity' }]);
    expect(compileSimplePath('Observation.value.ofType(string)', undefined)?.(observation)).toEqual([]);
    const age = { resourceType: 'Condition', onsetAge: { value: 40 } };
    // Age derives from Quantity: ofType(Quantity) keeps it.
    expect(compileSimplePath('Condition.onset.ofType(Quantity)', undefined)?.(age)).toEqual([
      { data: { value: 40 }, type: 'Age', path: 'Age' },
    ]);
  });
});
