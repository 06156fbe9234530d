import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ReadResourceHistoryRequest, ReadResourceVersionRequest } from './history.dto';

function problems<T extends object>(type: new () => T, plain: object): string[] {
  return validateSync(plainToInstance(type, plain)).map((error) => error.property);
}

describe(ReadResourceVersionRequest.name, () => {
  it("validates a read's fields and a positive whole version id", () => {
    expect(
      problems(ReadResourceVersionRequest, { resourceType: 'Patient', id: 'p1', versionId: 2, access: {} }),
    ).toEqual([]);
    expect(problems(ReadResourceVersionRequest, { resourceType: 'patient', id: 'p1', versionId: 0 }).sort()).toEqual([
      'access',
      'resourceType',
      'versionId',
    ]);
  });
});

describe(ReadResourceHistoryRequest.name, () => {
  it('requires the access context like a read', () => {
    expect(problems(ReadResourceHistoryRequest, { resourceType: 'Patient', id: 'p1' })).toEqual(['access']);
  });
});
