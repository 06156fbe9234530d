import { searchParameter, searchParametersFor } from '@connector/fhir-search-parameters';
import { R4_RESOURCE_TYPES } from '@connector/fhir-types';
import { compositeComponents, compositeUnionParts } from './composite-components.util';

const definition = (resourceType: string, code: string) => {
  const found = searchParameter(resourceType, code);
  if (found === undefined) {
    throw new Error(`${resourceType} has no ${code}`);
  }
  return found;
};

describe(compositeComponents.name, () => {
  it('resolves every composite of R4 and US Core: components in order, each with its parameter type', () => {
    const composites = R4_RESOURCE_TYPES.flatMap((type) =>
      searchParametersFor(type).filter((parameter) => parameter.type === 'composite'),
    );
    expect(composites.length).toBeGreaterThan(60);
    for (const composite of composites) {
      const components = compositeComponents(composite);
      expect(components.map((component) => component.code)).toEqual(composite.component?.map((c) => c.code));
      for (const component of components) {
        expect(component.type).toBe(searchParameter(composite.resourceType, component.code)?.type);
      }
    }
  });

  it('reads Observation code-value-quantity as the code token and the value quantity of the Observation', () => {
    expect(compositeComponents(definition('Observation', 'code-value-quantity'))).toEqual([
      { code: 'code', type: 'token', expression: 'code' },
      { code: 'value-quantity', type: 'quantity', expression: 'value.ofType(Quantity)' },
    ]);
  });

  it('pairs DocumentReference relationship the right way round (R4 publishes the expressions swapped)', () => {
    expect(definition('DocumentReference', 'relationship').component).toEqual([
      { code: 'relatesto', expression: 'code' },
      { code: 'relation', expression: 'target' },
    ]);
    expect(compositeComponents(definition('DocumentReference', 'relationship'))).toEqual([
      { code: 'relatesto', type: 'reference', expression: 'target' },
      { code: 'relation', type: 'token', expression: 'code' },
    ]);
  });
});

describe(compositeUnionParts.name, () => {
  it('answers combo-code-value-* from the Observation and the component composites', () => {
    const codes = (code: string) => compositeUnionParts(definition('Observation', code))?.map((part) => part.code);
    expect(codes('combo-code-value-quantity')).toEqual(['code-value-quantity', 'component-code-value-quantity']);
    expect(codes('combo-code-value-concept')).toEqual(['code-value-concept', 'component-code-value-concept']);
  });

  it('leaves every other composite its own rows', () => {
    const unions = R4_RESOURCE_TYPES.flatMap((type) =>
      searchParametersFor(type)
        .filter((parameter) => parameter.type === 'composite' && compositeUnionParts(parameter) !== undefined)
        .map((parameter) => `${type} ${parameter.code}`),
    );
    expect(unions).toEqual(['Observation combo-code-value-concept', 'Observation combo-code-value-quantity']);
  });
});
