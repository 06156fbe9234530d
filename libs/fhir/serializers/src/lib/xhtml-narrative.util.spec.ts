import { FhirError } from '@connector/fhir-outcomes';
import { XHTML_NAMESPACE, xhtmlFromXml } from './xhtml-narrative.util';

describe('xhtmlFromXml', () => {
  it('rebuilds the start tag with double quotes and keeps the content as written', () => {
    expect(xhtmlFromXml(`<div\n  xmlns='${XHTML_NAMESPACE}' title='say "hi" &amp; go'>`, '<p>a &lt; b</p>')).toBe(
      `<div xmlns="${XHTML_NAMESPACE}" title="say &quot;hi&quot; &amp; go"><p>a &lt; b</p></div>`,
    );
    expect(xhtmlFromXml(`<div xmlns="${XHTML_NAMESPACE}"/>`, '')).toBe(`<div xmlns="${XHTML_NAMESPACE}"></div>`);
  });

  it('refuses a div outside the XHTML namespace', () => {
    expect(() => xhtmlFromXml('<div class="x">', '')).toThrow(FhirError);
    expect(() => xhtmlFromXml('<div xmlns="http://hl7.org/fhir">', '')).toThrow(/XHTML namespace/);
  });
});
