import { FhirError } from '@connector/fhir-outcomes';
import { jsonToXml } from './json-to-xml';
import { xmlToJson } from './xml-to-json';

const patient = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Patient xmlns="http://hl7.org/fhir">${body}</Patient>`;

function badRequest(run: () => unknown): FhirError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).status).toBe(400);
    return error as FhirError;
  }
  throw new Error('expected a FhirError');
}

describe('xmlToJson', () => {
  it('types primitives from the definitions: booleans, integers and decimals as JSON literals, the rest as strings', () => {
    const json = xmlToJson(
      '<Observation xmlns="http://hl7.org/fhir"><status value="final"/><code><text value="007"/></code>' +
        '<valueQuantity><value value="1.50"/></valueQuantity><component><code><text value="n"/></code>' +
        '<valueInteger value="+42"/></component><component><code><text value="b"/></code><valueBoolean value="true"/></component></Observation>',
    );
    expect(json).toBe(
      '{"resourceType":"Observation","status":"final","code":{"text":"007"},"valueQuantity":{"value":1.50},' +
        '"component":[{"code":{"text":"n"},"valueInteger":42},{"code":{"text":"b"},"valueBoolean":true}]}',
    );
  });

  it('moves primitive ids and extensions to `_name`, aligning repeated primitives with nulls', () => {
    const json = xmlToJson(
      patient(
        '<name><given value="Jim"/><given><extension url="http://example.org/x"><valueString value="Jo"/></extension></given>' +
          '<given id="g3" value="Bob"/></name><birthDate id="b1"/>',
      ),
    );
    expect(JSON.parse(json)).toEqual({
      resourceType: 'Patient',
      name: [
        {
          given: ['Jim', null, 'Bob'],
          _given: [null, { extension: [{ url: 'http://example.org/x', valueString: 'Jo' }] }, { id: 'g3' }],
        },
      ],
      _birthDate: { id: 'b1' },
    });
  });

  it('drops a repeated primitive whose elements carry only extensions', () => {
    const json = xmlToJson(patient('<name><given id="a"/><given id="b"/></name>'));
    expect(JSON.parse(json)).toEqual({ resourceType: 'Patient', name: [{ _given: [{ id: 'a' }, { id: 'b' }] }] });
  });

  it('unwraps contained and Bundle entry resources into objects with resourceType', () => {
    const json = xmlToJson(
      '<Bundle xmlns="http://hl7.org/fhir"><type value="collection"/><entry><resource><Patient><id value="p"/>' +
        '<contained><Organization><id value="o"/></Organization></contained></Patient></resource></entry></Bundle>',
    );
    expect(JSON.parse(json)).toEqual({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', id: 'p', contained: [{ resourceType: 'Organization', id: 'o' }] } },
      ],
    });
  });

  it('keeps the narrative div as its XHTML source, nested markup and references as written', () => {
    const div =
      '<div xmlns="http://www.w3.org/1999/xhtml"><p class="c">A &amp; B &lt; C <b>bold</b>&#160;<br/>中文</p></div>';
    const json = xmlToJson(patient(`<text><status value="generated"/>${div}</text>`));
    expect(JSON.parse(json)).toEqual({ resourceType: 'Patient', text: { status: 'generated', div } });
    expect(jsonToXml(json)).toContain(div);
  });

  it('decodes references in values and keeps Unicode and whitespace as written', () => {
    const json = xmlToJson(
      patient('<name><text value=" Ann &lt;&quot;O&apos;Brien&quot;&gt; &amp; &#x4E2D;文 😀&#10;x "/></name>'),
    );
    expect(JSON.parse(json)).toEqual({ resourceType: 'Patient', name: [{ text: ' Ann <"O\'Brien"> & 中文 😀\nx ' }] });
  });

  it('refuses DOCTYPE: XXE and billion laughs never reach the parser', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE Patient [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${patient('<id value="&xxe;"/>').replace(/^<\?xml[^>]*>/, '')}`;
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      '<Patient xmlns="http://hl7.org/fhir"><id value="&lol3;"/></Patient>';
    expect(badRequest(() => xmlToJson(xxe)).message).toMatch(/DOCTYPE/);
    expect(badRequest(() => xmlToJson(laughs)).message).toMatch(/DOCTYPE/);
    expect(badRequest(() => xmlToJson(`<!DOCTYPE Patient>${patient('')}`)).message).toMatch(/DOCTYPE/);
  });

  it('refuses entities other than the predefined five and character references, in values and in the narrative', () => {
    expect(badRequest(() => xmlToJson(patient('<id value="&xxe;"/>'))).message).toMatch(/entity reference &xxe;/);
    expect(
      badRequest(() =>
        xmlToJson(
          patient('<text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml">&nbsp;</div></text>'),
        ),
      ).message,
    ).toMatch(/&nbsp;/);
  });

  it('refuses a root that is not an R4 resource in the FHIR namespace', () => {
    expect(badRequest(() => xmlToJson('<Patient><id value="p"/></Patient>')).message).toMatch(/FHIR namespace/);
    expect(badRequest(() => xmlToJson('<Patient xmlns="http://example.org"/>')).message).toMatch(/FHIR namespace/);
    expect(badRequest(() => xmlToJson('<HumanName xmlns="http://hl7.org/fhir"/>')).message).toMatch(
      /not an R4 resource/,
    );
  });

  it('refuses malformed XML, unknown elements or attributes, empty values and text content', () => {
    expect(badRequest(() => xmlToJson(patient('<id value="p">'))).message).toMatch(/not well-formed/);
    expect(badRequest(() => xmlToJson(patient('<nickname value="p"/>'))).message).toMatch(
      /Unknown element Patient.nickname/,
    );
    expect(badRequest(() => xmlToJson(patient('<id value="p" foo="1"/>'))).message).toMatch(/Unknown attribute foo/);
    expect(badRequest(() => xmlToJson(patient('<id value=""/>'))).message).toMatch(/empty value/);
    expect(badRequest(() => xmlToJson(patient('<name/>'))).message).toMatch(/empty/);
    expect(badRequest(() => xmlToJson(patient('<active value="yes"/>'))).message).toMatch(/true or false/);
    expect(badRequest(() => xmlToJson(patient('<gender value="male"/><gender value="female"/>'))).message).toMatch(
      /more than once/,
    );
    expect(badRequest(() => xmlToJson(patient('hello'))).message).toMatch(/Unexpected text/);
    expect(
      badRequest(() => xmlToJson(patient('<text><status value="generated"/><div><p>x</p></div></text>'))).message,
    ).toMatch(/XHTML namespace/);
  });

  it('keeps a narrative with nested divs, comments, CDATA and single-quoted attributes as written', () => {
    const content = "<div class='a'><!-- c --><p>x<![CDATA[<y> z]]></p><div/></div>\r\n";
    const json = xmlToJson(
      patient(`<text><status value="generated"/><div xmlns='http://www.w3.org/1999/xhtml'>${content}</div ></text>`),
    );
    expect(JSON.parse(json).text.div).toBe(`<div xmlns="http://www.w3.org/1999/xhtml">${content}</div>`);
  });

  it('ignores comments and processing instructions between elements', () => {
    const json = xmlToJson(patient('<!-- a & b --><?pi x?><active value="true"/>'));
    expect(JSON.parse(json)).toEqual({ resourceType: 'Patient', active: true });
  });

  it('refuses an element closed by another end tag and characters XML cannot carry', () => {
    expect(badRequest(() => xmlToJson(patient('<name><text value="x"/></Patient>'))).message).toMatch(
      /not well-formed: unexpected end tag <\/Patient>, expected <\/name>/,
    );
    expect(badRequest(() => xmlToJson(patient('<id value="a&#0;"/>'))).message).toMatch(/not well-formed/);
    expect(badRequest(() => xmlToJson(patient('<id value="a\u0000"/>'))).message).toMatch(/not well-formed/);
  });
});
