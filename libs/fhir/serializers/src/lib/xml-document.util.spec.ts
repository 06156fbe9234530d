import { FhirError } from '@connector/fhir-outcomes';
import { readXmlDocument, type XmlAttributes, type XmlEvents } from './xml-document.util';

function events(xml: string): string[] {
  const seen: string[] = [];
  const recorder: XmlEvents = {
    open: (name: string, attributes: XmlAttributes, end: number) =>
      seen.push(`open ${name} ${JSON.stringify(attributes)} ${end}`),
    close: (name: string, start: number) => seen.push(`close ${name} ${start}`),
    text: (text: string) => seen.push(`text ${JSON.stringify(text)}`),
  };
  readXmlDocument(xml, recorder);
  return seen;
}

function failure(xml: string): string {
  try {
    events(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).status).toBe(400);
    return (error as FhirError).message;
  }
  throw new Error('expected a FhirError');
}

describe('readXmlDocument', () => {
  it('reports elements, decoded attributes and text in document order, with source offsets', () => {
    const xml = `<?xml version="1.0"?><a x='1 &amp; 2'> <b value="&#x4E2D;&lt;"/><![CDATA[<c>]]></a >`;
    const afterB = xml.indexOf('/>') + 2;
    expect(events(xml)).toEqual([
      `open a {"x":"1 & 2"} ${xml.indexOf("'>") + 2}`,
      'text " "',
      `open b {"value":"中<"} ${afterB}`,
      `close b ${afterB}`,
      'text "<c>"',
      `close a ${xml.indexOf('</a')}`,
    ]);
  });

  it('normalizes whitespace in attribute values as XML requires, keeping character references', () => {
    const xml = '<a x="1\n2\t3&#10;4"/>';
    expect(events(xml)[0]).toBe(`open a {"x":"1 2 3\\n4"} ${xml.length}`);
  });

  it('refuses DOCTYPE and ENTITY declarations before parsing', () => {
    expect(failure('<!doctype a><a/>')).toMatch(/DOCTYPE or entity declaration/);
    expect(failure('<a><!ENTITY x "y"></a>')).toMatch(/DOCTYPE or entity declaration/);
  });

  it('refuses malformed XML with its line and column, before the events see a wrong end tag', () => {
    expect(failure('<a>\n<b></a>')).toMatch(
      /not well-formed: unexpected end tag <\/a>, expected <\/b> \(line 2, column 7\)/,
    );
    expect(failure('<a></a><b/>')).toMatch(/not well-formed: .*only one root/);
    expect(failure('<a>')).toMatch(/not well-formed: unclosed tag: a/);
    expect(failure('<a x="1" x="2"/>')).toMatch(/not well-formed/);
    expect(failure('<a>&#0;</a>')).toMatch(/not well-formed: malformed character entity/);
    expect(failure('<a>\u0001</a>')).toMatch(/not well-formed: disallowed character/);
  });

  it('names an undefined entity reference', () => {
    expect(failure('<a>x &nbsp; y</a>')).toMatch(/entity reference &nbsp; is not allowed/);
    expect(failure('<a x="&xxe;"/>')).toMatch(/entity reference &xxe; is not allowed/);
  });
});
