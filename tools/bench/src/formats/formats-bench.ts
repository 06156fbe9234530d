import { Fhir } from 'fhir';
import { jsonToXml, xmlToJson } from '@connector/fhir-serializers';
import { loadFormatCorpus } from './format-corpus';

/*
 * `npm run bench -- formats [count]`: FHIR JSON → XML and XML → JSON on one core, @connector/fhir-serializers against
 * the `fhir` package (FHIR.js) on the same resources (US Core examples + Synthea entries repeated to `count`, 10,000
 * by default), one timed run each after a short warm-up. XML → JSON reads our XML with both libraries. A failure of
 * either library on a resource is counted, not fatal. Prints a markdown table.
 */

interface Run {
  readonly label: string;
  readonly opsPerSecond: number;
  readonly failures: number;
}

function timed(label: string, inputs: readonly string[], convert: (input: string) => string): Run {
  for (const input of inputs.slice(0, 200)) {
    attempt(convert, input);
  }
  let failures = 0;
  const start = process.hrtime.bigint();
  for (const input of inputs) {
    failures += attempt(convert, input);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { label, opsPerSecond: inputs.length / seconds, failures };
}

function attempt(convert: (input: string) => string, input: string): number {
  try {
    convert(input);
    return 0;
  } catch {
    return 1;
  }
}

export function runFormatsBench(args: readonly string[]): void {
  const count = Number(args[0] ?? 10_000);
  const corpus = loadFormatCorpus(count);
  const fhir = new Fhir();
  const xml = corpus.map((json) => jsonToXml(json));
  const pairs: [Run, Run][] = [
    [
      timed('JSON → XML', corpus, (json) => jsonToXml(json)),
      timed('JSON → XML', corpus, (json) => fhir.jsonToXml(json)),
    ],
    [timed('XML → JSON', xml, xmlToJson), timed('XML → JSON', xml, (text) => fhir.xmlToJson(text))],
  ];
  const kib = corpus.reduce((sum, json) => sum + Buffer.byteLength(json), 0) / 1024;
  console.log(`\n${count} resources (${(kib / 1024).toFixed(1)} MiB of JSON), one core, ${new Date().toISOString()}`);
  console.log('| conversion | ours ops/s | fhir (FHIR.js) ops/s | ratio | failures ours / FHIR.js |');
  console.log('|---|---|---|---|---|');
  for (const [ours, theirs] of pairs) {
    console.log(
      `| ${ours.label} | ${Math.round(ours.opsPerSecond)} | ${Math.round(theirs.opsPerSecond)} | ` +
        `${(ours.opsPerSecond / theirs.opsPerSecond).toFixed(2)}× | ${ours.failures} / ${theirs.failures} |`,
    );
  }
}
