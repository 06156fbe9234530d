import { searchParameter } from '@connector/fhir-search-parameters';
import type {
  CodeableConcept,
  DocumentReference,
  FhirResource,
  Group,
  MolecularSequence,
  Observation,
  Quantity,
  Questionnaire,
} from 'fhir/r4';
import { compositeRows } from './composite-rows.util';
import type { CompositeIndexRow, IndexRow } from './index-rows.types';
import { r4Example, syntheaResources, usCoreExamples } from './testing/index-test-data';

// Expected values come from the raw JSON by plain property access, never from the indexer.
const rowsOf = (resource: FhirResource, code: string) => {
  const definition = searchParameter(resource.resourceType, code);
  if (definition === undefined) {
    throw new Error(`${resource.resourceType} has no ${code}`);
  }
  return compositeRows(definition, resource);
};

/** A composite row as plain parts: tokens as `system|code`, quantities as `value unit`, references as strings. */
function partsOf(row: CompositeIndexRow): string[][] {
  return row.components.map((component) => component.rows.map(part).sort());
}
function part(row: IndexRow): string {
  if ('targetId' in row) {
    return `${row.reference}`;
  }
  if ('unitCode' in row) {
    return `${row.value} ${row.unitCode}`;
  }
  if ('typeSystem' in row) {
    return `${row.system}|${row.value}`;
  }
  return 'value' in row ? String(row.value) : JSON.stringify(row);
}
const quantityPart = (quantity: Quantity | undefined) => `${quantity?.value} ${quantity?.code ?? null}`;
const tokens = (concept: CodeableConcept | undefined) =>
  (concept?.coding ?? []).map((coding) => `${coding.system ?? null}|${coding.code}`).sort();

const observations = () => [...syntheaResources(), ...usCoreExamples()].filter(isObservation);
function isObservation(resource: FhirResource): resource is Observation {
  return resource.resourceType === 'Observation';
}
const SYSTOLIC = '8480-6';
const bloodPressures = () =>
  observations().filter((o) =>
    (o.component ?? []).some((c) => tokens(c.code).includes(`http://loinc.org|${SYSTOLIC}`)),
  );

describe(compositeRows.name, () => {
  it('gives component-code-value-quantity one row per Observation.component, its own code and value only', () => {
    const pressures = bloodPressures();
    expect(pressures.length).toBeGreaterThan(100);
    for (const observation of pressures) {
      const expected = (observation.component ?? [])
        .filter((component) => component.valueQuantity?.value !== undefined && tokens(component.code).length > 0)
        .map((component) => [tokens(component.code), [quantityPart(component.valueQuantity)]]);
      expect(rowsOf(observation, 'component-code-value-quantity').map(partsOf)).toEqual(expected);
    }
  });

  it('stores no combo-code-value-quantity rows: code-value-quantity and component-code-value-quantity have them', () => {
    for (const observation of observations()) {
      const elements = [observation, ...(observation.component ?? [])];
      const expected = elements
        .filter((element) => element.valueQuantity?.value !== undefined && tokens(element.code).length > 0)
        .map((element) => [tokens(element.code), [quantityPart(element.valueQuantity)]]);
      const stored = [
        ...rowsOf(observation, 'code-value-quantity'),
        ...rowsOf(observation, 'component-code-value-quantity'),
      ];
      expect(stored.map(partsOf)).toEqual(expected);
      expect(rowsOf(observation, 'combo-code-value-quantity')).toEqual([]);
    }
  });

  it('gives code-value-quantity and code-value-concept a row only when the Observation has both parts', () => {
    let concepts = 0;
    for (const observation of observations()) {
      const quantity = observation.valueQuantity?.value;
      expect(rowsOf(observation, 'code-value-quantity').map(partsOf)).toEqual(
        quantity === undefined ? [] : [[tokens(observation.code), [quantityPart(observation.valueQuantity)]]],
      );
      const concept = tokens(observation.valueCodeableConcept);
      concepts += concept.length > 0 ? 1 : 0;
      expect(rowsOf(observation, 'code-value-concept').map(partsOf)).toEqual(
        concept.length === 0 ? [] : [[tokens(observation.code), concept]],
      );
    }
    expect(concepts).toBeGreaterThan(10);
  });

  it('pairs DocumentReference relationship as relatesto (the target) $ relation (the code)', () => {
    const document = r4Example<DocumentReference>('documentreference-example');
    const expected = (document.relatesTo ?? []).map((relation) => [
      [`${relation.target.reference}`],
      [`null|${relation.code}`],
    ]);
    expect(expected.length).toBeGreaterThan(0);
    expect(rowsOf(document, 'relationship').map(partsOf)).toEqual(expected);
  });

  it('indexes useContext as context-type-value of the conformance resources', () => {
    const questionnaires = usCoreExamples().filter((r): r is Questionnaire => r.resourceType === 'Questionnaire');
    const expected = questionnaires.map((questionnaire) =>
      (questionnaire.useContext ?? [])
        .filter((context) => context.valueCodeableConcept !== undefined)
        .map((context) => [[`${context.code.system}|${context.code.code}`], tokens(context.valueCodeableConcept)]),
    );
    expect(expected.flat().length).toBeGreaterThan(0);
    expect(questionnaires.map((questionnaire) => rowsOf(questionnaire, 'context-type-value').map(partsOf))).toEqual(
      expected,
    );
  });

  // No Group or MolecularSequence in the shared data: these two follow the R4 spec examples' shapes.
  it('indexes Group characteristic-value per characteristic', () => {
    const group: Group = {
      resourceType: 'Group',
      type: 'person',
      actual: true,
      characteristic: [
        {
          code: { text: 'gender' },
          valueCodeableConcept: { coding: [{ system: 'urn:x', code: 'male' }] },
          exclude: false,
        },
        { code: { coding: [{ system: 'urn:x', code: 'owner' }] }, valueBoolean: true, exclude: false },
      ],
    };
    // The first characteristic's code has text only: no token row can match it, so that element has no row.
    expect(rowsOf(group, 'characteristic-value').map(partsOf)).toEqual([[['urn:x|owner'], ['null|true']]]);
  });

  it('reads %resource in MolecularSequence chromosome-variant-coordinate', () => {
    const sequence: MolecularSequence = {
      resourceType: 'MolecularSequence',
      coordinateSystem: 0,
      referenceSeq: { chromosome: { coding: [{ system: 'http://hl7.org/fhir/chromosome-human', code: '1' }] } },
      variant: [
        { start: 22125503, end: 22125504 },
        { start: 22125510, end: 22125511 },
      ],
    };
    expect(rowsOf(sequence, 'chromosome-variant-coordinate').map(partsOf)).toEqual([
      [['http://hl7.org/fhir/chromosome-human|1'], ['22125503'], ['22125504']],
      [['http://hl7.org/fhir/chromosome-human|1'], ['22125510'], ['22125511']],
    ]);
  });
});
