import { readFileSync } from 'node:fs';
import { sharedDataFiles } from '@connector/shared-testing';

/**
 * `count` resources as JSON text: the US Core examples, then the entries of the Synthea bundles, the whole list
 * repeated until `count` is reached. The examples keep their original text (their decimals as written).
 */
export function loadFormatCorpus(count: number): string[] {
  const texts = sharedDataFiles('us-core/examples', '.json').map((file) => readFileSync(file, 'utf8'));
  for (const file of sharedDataFiles('synthea', '.json')) {
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as { entry?: { resource?: unknown }[] };
    for (const entry of bundle.entry ?? []) {
      texts.push(JSON.stringify(entry.resource));
    }
  }
  return Array.from({ length: count }, (_, i) => texts[i % texts.length]);
}
