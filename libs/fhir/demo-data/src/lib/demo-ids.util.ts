import { v5 as uuidv5 } from 'uuid';

/** UUIDv5 namespace of demo resource ids. Fixed, so a seed always names the same resources. */
const DEMO_ID_NAMESPACE = '4971c515-a205-41af-a8e2-c5c18ae1d25d';

/** The id of the demo resource `key` (e.g. `patient/0/encounter/1`) for `seed`. */
export function demoId(seed: number, key: string): string {
  return uuidv5(`${seed}/${key}`, DEMO_ID_NAMESPACE);
}
