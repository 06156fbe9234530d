import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ReadManyResourcesRequest, RevincludeResourcesRequest } from './include.dto';
import { SearchResourcesReply } from './search.dto';

function problems<T extends object>(type: new () => T, plain: object): string[] {
  return validateSync(plainToInstance(type, plain)).map((error) => error.property);
}

const REPLY = { resources: [], warnings: [], canonicalParams: [] };

describe(ReadManyResourcesRequest.name, () => {
  it('accepts [type, id] pairs and rejects anything else', () => {
    expect(problems(ReadManyResourcesRequest, { references: [['Coverage', 'c1']], access: {} })).toEqual([]);
    expect(problems(ReadManyResourcesRequest, { references: ['Coverage/c1'], access: {} })).toEqual(['references']);
  });
});

describe(RevincludeResourcesRequest.name, () => {
  it('accepts a type or * as source and Type/id targets', () => {
    for (const sourceType of ['Coverage', '*']) {
      expect(
        problems(RevincludeResourcesRequest, { sourceType, code: '*', targets: ['Patient/p-1.2'], access: {} }),
      ).toEqual([]);
    }
  });

  it('rejects a bad source type and targets that are not Type/id', () => {
    expect(
      problems(RevincludeResourcesRequest, { sourceType: 'coverage', code: 'x', targets: [], access: {} }),
    ).toEqual(['sourceType']);
    for (const target of ['p1', 'Patient/', 'http://x/Patient/p1']) {
      expect(
        problems(RevincludeResourcesRequest, { sourceType: 'Coverage', code: 'x', targets: [target], access: {} }),
      ).toEqual(['targets']);
    }
  });
});

describe(`${SearchResourcesReply.name} includes`, () => {
  it('validates the nested foreign include work', () => {
    const foreign = {
      include: [{ path: 'Encounter:*', references: ['Account/a1'] }],
      revinclude: [{ sourceType: 'Coverage', code: 'beneficiary', targets: ['Patient/p1'] }],
    };
    expect(problems(SearchResourcesReply, { ...REPLY, included: ['{}'], foreign })).toEqual([]);
    const bad = { include: [{ path: 'x', references: ['nope'] }], revinclude: [] };
    expect(problems(SearchResourcesReply, { ...REPLY, foreign: bad })).toEqual(['foreign']);
  });
});

describe('access on read-many and revinclude', () => {
  it('is required on both', () => {
    const revinclude = { sourceType: 'Observation', code: 'subject', targets: ['Patient/1'] };
    expect(problems(ReadManyResourcesRequest, { references: [['Patient', '1']] })).toEqual(['access']);
    expect(problems(RevincludeResourcesRequest, revinclude)).toEqual(['access']);
    expect(problems(RevincludeResourcesRequest, { ...revinclude, access: {} })).toEqual([]);
  });
});
