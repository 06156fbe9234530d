import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'lossless-json';
import { sharedDataFiles } from '@connector/shared-testing';
import { jsonToXml } from './json-to-xml';
import { xmlTree } from './testing/xml-equivalence';
import { xmlToJson } from './xml-to-json';

// Whole Synthea transaction bundles (every entry a resource with a generated narrative) through both directions.
const bundles = sharedDataFiles('synthea', '.json').map((file) => ({
  name: basename(file),
  json: readFileSync(file, 'utf8'),
}));

describe('Synthea bundles', () => {
  describe.each(bundles)('$name', ({ json }) => {
    it('JSON → XML → JSON equals the input, narratives included', () => {
      const xml = jsonToXml(json, { pretty: true });
      expect(parse(xmlToJson(xml))).toEqual(parse(json));
      expect(xmlTree(xml)).toEqual(xmlTree(jsonToXml(json)));
    });
  });
});
