import { prepareImport } from './prepared-import.util';

describe(prepareImport.name, () => {
  it('keeps the last of two resources with the same type and id and counts it once', () => {
    const first = { resourceType: 'Patient', id: 'a', active: false };
    const last = { resourceType: 'Patient', id: 'a', active: true };

    const prepared = prepareImport([first, { resourceType: 'Observation', id: 'o' }, last]);

    expect(prepared.resources.map((entry) => entry.resource)).toEqual([{ resourceType: 'Observation', id: 'o' }, last]);
    expect(prepared.byType).toEqual({ Observation: 1, Patient: 1 });
  });

  it('orders resources by type, then id', () => {
    const prepared = prepareImport([
      { resourceType: 'Patient', id: 'b' },
      { resourceType: 'Encounter', id: 'z' },
      { resourceType: 'Patient', id: 'a' },
    ]);

    expect(prepared.resources.map(({ resource }) => `${resource.resourceType}/${resource.id}`)).toEqual([
      'Encounter/z',
      'Patient/a',
      'Patient/b',
    ]);
  });

  it('treats the same id under two types as two resources', () => {
    const prepared = prepareImport([
      { resourceType: 'Patient', id: 'same' },
      { resourceType: 'Practitioner', id: 'same' },
    ]);

    expect(prepared.resources).toHaveLength(2);
  });
});
