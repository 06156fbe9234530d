import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Fhir } from 'fhir';
import { parse } from 'lossless-json';
import { sharedDataFiles } from '@connector/shared-testing';
import { jsonToXml } from './json-to-xml';
import { xmlToJson } from './xml-to-json';

const examples = sharedDataFiles('us-core/examples', '.json').map((file) => ({
  name: basename(file),
  json: readFileSync(file, 'utf8'),
}));
// The `fhir` package (FHIR.js) is an independent reader of our XML: its object must match the input JSON.
const oracle = new Fhir();

describe('US Core examples', () => {
  it('reads every example', () => {
    expect(examples.length).toBeGreaterThan(200);
  });

  describe.each(examples)('$name', ({ json }) => {
    it('JSON → XML → JSON equals the input, decimals as written', () => {
      expect(parse(xmlToJson(jsonToXml(json)))).toEqual(parse(json));
    });

    it('FHIR.js reads our XML back as the input', () => {
      expect(oracleView(oracle.xmlToObj(jsonToXml(json)))).toEqual(oracleView(JSON.parse(json)));
    });
  });
});

/**
 * What FHIR.js can tell us: it re-serializes the narrative div with its own whitespace and reads whole-number
 * decimals as strings, so the div is dropped and numbers are compared as text (our own JSON typing is checked by the
 * exact round trip above).
 */
function oracleView(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, item: unknown) => {
      if (key === 'div') {
        return undefined;
      }
      return typeof item === 'number' ? String(item) : item;
    }),
  );
}
