import { Fhir } from 'fhir';
import { jsonToXml, xmlToJson } from '@connector/fhir-serializers';
import { loadFormatCorpus } from './format-corpus';

/*
 * `npm run bench -- formats [count]`: FHIR JSON → XML and XML → JSON on one core, @connector/fhir-serializers against
 * the `fhir` package (FHIR.js) on the same resources (US Core examples + Synthea entries repeated to `count`, 10,000
 * by default): after a short warm-up, ROUNDS timed passes per library, the two libraries alternating, and the median
 * pass reported — a single pass swung FHIR.js's figure between 2.4k and 5.9k ops/s on a shared machine. XML → JSON
 * reads our XML with both libraries. A failure of either library on a resource is counted, not fatal. Prints a
 * markdown table.
 */

const ROUNDS = 5;

interface Run {
  readonly label: string;
  readonly opsPerSecond: number;
  readonly failures: number;
}

function warmUp(inputs: readonly string[], convert: (input: string) => string): void {
  for (const input of inputs.slice(0, 200)) {
    attempt(convert, input);
  }
}

function timed(label: string, inputs: readonly string[], convert: (input: string) => string): Run {
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
    medianPair(
      'JSON → XML',
      corpus,
      (json) => jsonToXml(json),
      (json) => fhir.jsonToXml(json),
    ),
    medianPair('XML → JSON', xml, xmlToJson, (text) => fhir.xmlToJson(text)),
  ];
  const kib = corpus.reduce((sum, json) => sum + Buffer.byteLength(json), 0) / 1024;
  console.log(
    `\n${count} resources (${(kib / 1024).toFixed(1)} MiB of JSON), one core, median of ${ROUNDS} alternating passes, ` +
      new Date().toISOString(),
  );
  console.log('| conversion | ours ops/s | fhir (FHIR.js) ops/s | ratio | failures ours / FHIR.js |');
  console.log('|---|---|---|---|---|');
  for (const [ours, theirs] of pairs) {
    console.log(
      `| ${ours.label} | ${Math.round(ours.opsPerSecond)} | ${Math.round(theirs.opsPerSecond)} | ` +
        `${(ours.opsPerSecond / theirs.opsPerSecond).toFixed(2)}× | ${ours.failures} / ${theirs.failures} |`,
    );
  }
}

/** Both libraries warmed up, then ROUNDS passes each, alternating; the median pass of each. */
function medianPair(
  label: string,
  inputs: readonly string[],
  ours: (input: string) => string,
  theirs: (input: string) => string,
): [Run, Run] {
  warmUp(inputs, ours);
  warmUp(inputs, theirs);
  const runs: [Run[], Run[]] = [[], []];
  for (let round = 0; round < ROUNDS; round++) {
    runs[0].push(timed(label, inputs, ours));
    runs[1].push(timed(label, inputs, theirs));
  }
  const median = (passes: Run[]) =>
    [...passes].sort((a, b) => a.opsPerSecond - b.opsPerSecond)[Math.floor(passes.length / 2)];
  return [median(runs[0]), median(runs[1])];
}
