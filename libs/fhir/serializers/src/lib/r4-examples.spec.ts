import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'lossless-json';
import { sharedDataDir, sharedDataFiles } from '@connector/shared-testing';
import { FHIR_NAMESPACE, jsonToXml } from './json-to-xml';
import { comparableJson, xmlTree } from './testing/xml-equivalence';
import { xmlToJson } from './xml-to-json';

// Official JSON + XML pairs of the R4 examples (see ../shared/data/r4-examples/SOURCES.md); equivalence of XML and
// equality of JSON are defined in testing/xml-equivalence.ts.
const pairs = [
  ...sharedDataFiles('r4-examples', '.json'),
  ...sharedDataFiles(join('r4-examples', 'with-narrative-4.0.0'), '.json'),
].map((jsonFile) => ({
  name: jsonFile.slice(sharedDataDir('r4-examples').length + 1, -'.json'.length),
  json: readFileSync(jsonFile, 'utf8'),
  xml: readFileSync(jsonFile.replace(/\.json$/, '.xml'), 'utf8'),
}));

describe('R4 example pairs', () => {
  it('finds both the 4.0.1 pairs and the narrative pairs', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(38);
    expect(pairs.filter((pair) => pair.name.startsWith('with-narrative')).length).toBe(5);
    expect(pairs.map((pair) => basename(pair.name))).toContain('bundle-transaction');
  });

  it('compares XML by content: a changed value or an extra element is not equivalent', () => {
    const [{ xml }] = pairs;
    expect(xmlTree(xml)).not.toEqual(xmlTree(xml.replace('value="', 'value="x')));
    expect(xmlTree(xml)).not.toEqual(xmlTree(xml.replace('<id ', '<active value="true"/><id ')));
  });

  describe.each(pairs)('$name', ({ json, xml }) => {
    it('jsonToXml is equivalent to the official XML, in the FHIR namespace', () => {
      const ours = jsonToXml(json);
      expect(xmlTree(ours)).toEqual(xmlTree(xml));
      expect(ours).toContain(`xmlns="${FHIR_NAMESPACE}"`);
    });

    it('xmlToJson equals the official JSON', () => {
      expect(comparableJson(xmlToJson(xml))).toEqual(comparableJson(json));
    });

    it('JSON → XML → JSON is the identity (narrative text included)', () => {
      expect(parse(xmlToJson(jsonToXml(json)))).toEqual(parse(json));
    });

    it('XML → JSON → XML is equivalent to the input, pretty-printed or not', () => {
      expect(xmlTree(jsonToXml(xmlToJson(xml)))).toEqual(xmlTree(xml));
      expect(xmlTree(jsonToXml(xmlToJson(xml), { pretty: true }))).toEqual(xmlTree(xml));
    });
  });
});
