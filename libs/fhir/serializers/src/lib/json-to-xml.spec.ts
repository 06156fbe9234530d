import { FhirError } from '@connector/fhir-outcomes';
import { jsonToXml } from './json-to-xml';
import { xmlTree } from './testing/xml-equivalence';

const NS = 'xmlns="http://hl7.org/fhir"';

describe('jsonToXml', () => {
  it('writes elements in definition order, whatever the JSON member order', () => {
    const xml = jsonToXml(
      '{"birthDate":"1970-01-01","gender":"male","name":[{"family":"Doe"}],"id":"p1","resourceType":"Patient"}',
    );
    expect(xml).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><Patient ${NS}><id value="p1"/><name><family value="Doe"/></name>` +
        '<gender value="male"/><birthDate value="1970-01-01"/></Patient>',
    );
  });

  it('keeps decimals as written when given JSON text (1.50 stays 1.50, 1e2 stays 1e2)', () => {
    const xml = jsonToXml(
      '{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":1.50},' +
        '"component":[{"code":{"text":"y"},"valueQuantity":{"value":1e2}}]}',
    );
    expect(xml).toContain('<valueQuantity><value value="1.50"/></valueQuantity>');
    expect(xml).toContain('<valueQuantity><value value="1e2"/></valueQuantity>');
  });

  it('merges primitive extensions and ids, aligning `_given` arrays that hold nulls', () => {
    const xml = jsonToXml({
      resourceType: 'Patient',
      _birthDate: { id: 'b1', extension: [{ url: 'http://example.org/time', valueTime: '10:00:00' }] },
      name: [
        {
          given: ['Jim', null, 'Bob'],
          _given: [null, { extension: [{ url: 'http://example.org/x', valueString: 'Jo' }] }, { id: 'g3' }],
        },
      ],
    });
    expect(xmlTree(xml)).toEqual(
      xmlTree(
        `<Patient ${NS}><name><given value="Jim"/><given><extension url="http://example.org/x"><valueString value="Jo"/></extension></given>` +
          '<given id="g3" value="Bob"/></name><birthDate id="b1"><extension url="http://example.org/time"><valueTime value="10:00:00"/></extension></birthDate></Patient>',
      ),
    );
  });

  it('names choice elements after their type', () => {
    const xml = jsonToXml({ resourceType: 'Patient', deceasedBoolean: false, multipleBirthInteger: 2 });
    expect(xml).toContain('<deceasedBoolean value="false"/><multipleBirthInteger value="2"/>');
  });

  it('wraps contained, Bundle entry, response outcome and Parameters resources in an element named after their type', () => {
    const bundle = jsonToXml({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            id: 'p',
            contained: [{ resourceType: 'Organization', id: 'o', name: 'Acme' }],
          },
        },
        {
          response: {
            status: '400',
            outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] },
          },
        },
        {
          resource: {
            resourceType: 'Parameters',
            parameter: [{ name: 'p', resource: { resourceType: 'Basic', code: { text: 'b' } } }],
          },
        },
      ],
    });
    expect(bundle).toContain(
      '<resource><Patient><id value="p"/><contained><Organization><id value="o"/><name value="Acme"/></Organization></contained></Patient></resource>',
    );
    expect(bundle).toContain('<outcome><OperationOutcome><issue><severity value="error"/>');
    expect(bundle).toContain(
      '<parameter><name value="p"/><resource><Basic><code><text value="b"/></code></Basic></resource></parameter>',
    );
    expect(bundle.match(/xmlns=/g)).toHaveLength(1);
  });

  it('embeds the narrative as XHTML in its namespace, markup and references untouched', () => {
    const div =
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>A &amp; B &lt; C, <b>bold</b>&#160;<a href="x?a=1&amp;b=2">é</a></p></div>';
    expect(jsonToXml({ resourceType: 'Basic', text: { status: 'generated', div }, code: { text: 'c' } })).toContain(
      `<text><status value="generated"/>${div}</text>`,
    );
    expect(jsonToXml({ resourceType: 'Basic', text: { status: 'generated', div: '<div><p>x</p></div>' } })).toContain(
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div>',
    );
  });

  it('refuses a narrative that is not one well-formed div, or declares entities', () => {
    const withDiv = (div: string) => () => jsonToXml({ resourceType: 'Basic', text: { status: 'generated', div } });
    expect(withDiv('<div>x</div></text><evil/>')).toThrow(FhirError);
    expect(withDiv('<p>x</p>')).toThrow(FhirError);
    expect(withDiv('<div>&nbsp;</div>')).toThrow(/entity reference/);
    expect(withDiv('<div><!DOCTYPE x></div>')).toThrow(/DOCTYPE/);
  });

  it('escapes markup characters and keeps Unicode, line breaks and tabs in attribute values', () => {
    const xml = jsonToXml({ resourceType: 'Patient', name: [{ text: 'Ann <"O\'Brien"> & 中文 😀\n\tx' }] });
    expect(xml).toContain('<text value="Ann &lt;&quot;O\'Brien&quot;&gt; &amp; 中文 😀&#10;&#9;x"/>');
  });

  it('refuses characters XML cannot carry', () => {
    expect(() => jsonToXml({ resourceType: 'Patient', name: [{ text: 'a\u0001b' }] })).toThrow(FhirError);
  });

  it('leaves out empty strings, objects and arrays (FHIR has no empty elements)', () => {
    const xml = jsonToXml({ resourceType: 'Patient', id: '', name: [{}], telecom: [], maritalStatus: { coding: [] } });
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?><Patient ${NS}></Patient>`);
  });

  it('refuses unknown members, non-resources and arrays where one value is allowed', () => {
    expect(() => jsonToXml({ resourceType: 'Patient', nickname: 'x' })).toThrow(/Unknown element Patient.nickname/);
    expect(() => jsonToXml({ resourceType: 'Patient', _name: {} })).toThrow(/Unknown element Patient._name/);
    expect(() => jsonToXml({ resourceType: 'Nope' })).toThrow(/resourceType/);
    expect(() => jsonToXml({ resourceType: 'Patient', gender: ['male'] })).toThrow(/not repeating/);
    expect(() => jsonToXml('{"resourceType":')).toThrow(/Invalid JSON/);
  });

  it('indents nested elements when pretty, producing the same document', () => {
    const resource = { resourceType: 'Patient', id: 'p', name: [{ family: 'Doe', given: ['J'] }] };
    const pretty = jsonToXml(resource, { pretty: true });
    expect(pretty).toContain('\n  <name>\n    <family value="Doe"/>');
    expect(xmlTree(pretty)).toEqual(xmlTree(jsonToXml(resource)));
  });

  it('throws FhirError with status 400 so the gateway answers with an OperationOutcome', () => {
    let thrown: unknown;
    try {
      jsonToXml({ resourceType: 'Patient', unknown: 1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FhirError);
    expect((thrown as FhirError).status).toBe(400);
  });
});
