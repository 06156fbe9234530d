import { parse, rejectionOf } from './search-query.test-util';

describe('applyResultParameter', () => {
  describe('_include and _revinclude', () => {
    // https://hl7.org/fhir/R4/search.html#include
    it.each([
      ['MedicationRequest', '_include=MedicationRequest:patient', 'include', { sourceType: 'MedicationRequest', code: 'patient', iterate: false }],
      ['MedicationRequest', '_include=MedicationRequest:medication:Medication', 'include', { sourceType: 'MedicationRequest', code: 'medication', targetType: 'Medication', iterate: false }],
      ['MedicationRequest', '_include:iterate=Patient:general-practitioner', 'include', { sourceType: 'Patient', code: 'general-practitioner', iterate: true }],
      ['Patient', '_include:recurse=Patient:organization', 'include', { sourceType: 'Patient', code: 'organization', iterate: true }],
      ['Patient', '_include=*', 'include', { sourceType: '*', code: '*', iterate: false }],
      ['Patient', '_include=Patient:*', 'include', { sourceType: 'Patient', code: '*', iterate: false }],
      ['Patient', '_revinclude=Provenance:target', 'revinclude', { sourceType: 'Provenance', code: 'target', iterate: false }],
      ['Medication', '_revinclude=MedicationRequest:medication', 'revinclude', { sourceType: 'MedicationRequest', code: 'medication', iterate: false }],
      ['Patient', '_revinclude=*', 'revinclude', { sourceType: '*', code: '*', iterate: false }],
      ['Patient', '_revinclude:iterate=Observation:subject:Patient', 'revinclude', { sourceType: 'Observation', code: 'subject', targetType: 'Patient', iterate: true }],
    ] as const)('reads %s?%s', (resourceType, query, key, expected) => {
      expect(parse(resourceType, query)[key]).toEqual([expected]);
    });

    it('keeps several includes in order and echoes them', () => {
      const request = parse('Patient', '_revinclude=Provenance:target&_revinclude=Observation:patient&_include=Patient:organization');
      expect(request.revinclude.map((directive) => directive.sourceType)).toEqual(['Provenance', 'Observation']);
      expect(request.canonicalParams).toHaveLength(3);
    });

    it.each([
      ['_include=Patient', '"Patient" is not Type:parameter[:TargetType] or *'],
      ['_include=Foo:bar', '"Foo:bar" is not Type:parameter'],
      ['_include=Patient:name', '"name" is not a reference parameter of Patient'],
      ['_include=Patient:foo', '"foo" is not a reference parameter of Patient'],
      ['_include=Patient:general-practitioner:Medication', 'Medication is not a target type of Patient:general-practitioner'],
      ['_include=Patient:*:Practitioner', 'a target type needs a named parameter'],
      ['_include:foo=Patient:organization', 'modifier ":foo" is not supported'],
    ])('rejects Patient?%s', (query, why) => {
      expect(rejectionOf('Patient', query)).toEqual({ status: 400, text: expect.stringContaining(why) });
    });
  });

  describe('_count', () => {
    it.each([
      ['', 50],
      ['_count=10', 10],
      ['_count=0', 0],
      ['_count=1000', 1000],
      ['_count=1001', 1000],
    ])('reads %j as %d', (query, count) => {
      expect(parse('Patient', query).count).toBe(count);
    });

    it.each([['_count=-1'], ['_count=abc'], ['_count=1.5'], ['_count=1e3'], ['_count=10&_count=20']])('rejects %s', (query) => {
      expect(rejectionOf('Patient', query).text).toContain('Invalid search parameter "_count"');
    });
  });

  describe('_sort', () => {
    // "GET [base]/Observation?_sort=status,-date,category" (our fixture has no status: code stands in).
    it('reads several keys with - for descending', () => {
      expect(parse('Observation', '_sort=code,-date,category').sort).toEqual([
        { code: 'code', descending: false },
        { code: 'date', descending: true },
        { code: 'category', descending: false },
      ]);
      expect(parse('Patient', '_sort=-_lastUpdated,_id').sort).toEqual([
        { code: '_lastUpdated', descending: true },
        { code: '_id', descending: false },
      ]);
    });

    it.each([
      ['_sort=foo', '"foo" is not a search parameter of Patient'],
      ['_sort=name,', '"" is not a search parameter of Patient'],
      ['_sort=-', '"" is not a search parameter'],
      ['_sort:asc=name', 'result parameters take no modifier'],
      ['_sort=name&_sort=gender', 'may appear only once'],
    ])('rejects Patient?%s', (query, why) => {
      expect(rejectionOf('Patient', query).text).toContain(why);
    });

    it('rejects sorting by a composite', () => {
      expect(rejectionOf('Observation', '_sort=code-value-quantity').text).toContain('cannot sort by the composite parameter');
    });
  });

  describe('_total, _summary, _elements', () => {
    it('reads them', () => {
      const request = parse('Patient', '_total=accurate&_summary=count&_elements=identifier,active,link');
      expect(request).toMatchObject({ total: 'accurate', summary: 'count', elements: ['identifier', 'active', 'link'] });
    });

    it.each([['none'], ['estimate'], ['accurate']])('accepts _total=%s', (total) => {
      expect(parse('Patient', `_total=${total}`).total).toBe(total);
    });

    it.each([['true'], ['text'], ['data'], ['count'], ['false']])('accepts _summary=%s', (summary) => {
      expect(parse('Patient', `_summary=${summary}`).summary).toBe(summary);
    });

    it.each([
      ['_total=all', '"all" is not one of none, estimate, accurate'],
      ['_summary=yes', '"yes" is not one of true, text, data, count, false'],
      ['_elements=name,', '"" is not an element name'],
      ['_elements=na me', '"na me" is not an element name'],
    ])('rejects Patient?%s', (query, why) => {
      expect(rejectionOf('Patient', query).text).toContain(why);
    });

    it('leaves them unset when absent', () => {
      const request = parse('Patient', 'name=x');
      expect([request.total, request.summary, request.elements, request.sort]).toEqual([undefined, undefined, undefined, []]);
    });
  });
});
