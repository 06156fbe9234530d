import { parseReference } from './parse-reference.util';

describe(parseReference.name, () => {
  it.each([
    ['Patient/123', 'Patient', '123'],
    ['Patient/123/_history/2', 'Patient', '123'],
    ['http://example.org/fhir/Observation/a-b.c', 'Observation', 'a-b.c'],
  ])('reads the target of %p', (reference, targetType, targetId) => {
    expect(parseReference(reference)).toEqual({ targetType, targetId });
  });

  it.each(['#contained-1', 'urn:uuid:59bc5dbb-1957-47ef-b6b5-25952e6bfdab', 'patient/1'])(
    'names no target for %p',
    (reference) => {
      expect(parseReference(reference)).toEqual({ targetType: null, targetId: null });
    },
  );
});
