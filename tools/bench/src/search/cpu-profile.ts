import { Session, type Profiler } from 'node:inspector/promises';

/** Where the process spent a profiled stretch, in ms of samples. */
export interface CpuProfileSummary {
  readonly totalMs: number;
  /** Self time by package / library / V8 state, largest first. */
  readonly selfByCategory: [string, number][];
  /** Time inside (inclusive) each marker function, e.g. index extraction. */
  readonly inclusive: [string, number][];
  /** The functions with the most self time. */
  readonly topFunctions: [string, number][];
}

/** A function the summary times inclusively: its name and a fragment of its file's path. */
export interface ProfileMarker {
  readonly label: string;
  readonly functionName: string;
  readonly urlPart: string;
}

/** Runs `work` under V8's sampling profiler (this process only; node --cpu-prof would profile the whole run). */
export async function profiled<T>(work: () => Promise<T>): Promise<{ result: T; profile: Profiler.Profile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

const V8_STATES: Record<string, string> = {
  '(idle)': 'idle: waiting for PostgreSQL / I/O',
  '(garbage collector)': 'garbage collector',
  '(program)': 'V8 (program: compile, IC, natives)',
};

const SOURCE_AREAS: [RegExp, string][] = [
  [/\/node_modules\/fhirpath\//, 'fhirpath (FHIRPath evaluation)'],
  [/\/node_modules\/(pg|pg-protocol|pg-types|pg-pool)\//, 'pg driver'],
  [/\/node_modules\/typeorm\//, 'TypeORM'],
  [/\/libs\/fhir\/search\//, '@connector/fhir-search (index rows)'],
  [/\/libs\/fhir\/store\//, '@connector/fhir-store'],
  [/\/libs\/fhir\/import\//, '@connector/fhir-import'],
  [/\/libs\/fhir\/types\//, '@connector/fhir-types (canonical JSON)'],
  [/\/tools\/bench\//, 'bench (making copies)'],
];

type CallFrame = Profiler.ProfileNode['callFrame'];

function categoryOf(frame: CallFrame): string {
  const state = V8_STATES[frame.functionName];
  if (state !== undefined) {
    return state;
  }
  const area = SOURCE_AREAS.find(([pattern]) => pattern.test(frame.url));
  if (area !== undefined) {
    return area[1];
  }
  const nodeModule = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(frame.url);
  if (nodeModule !== null) {
    return nodeModule[1];
  }
  if (frame.url.startsWith('node:')) {
    return 'node core';
  }
  return frame.url === '' ? `builtin (JSON, RegExp, crypto…)` : 'other';
}

const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);

/** Self time per category and function, and inclusive time per marker, from the profile's samples. */
export function summarizeProfile(profile: Profiler.Profile, markers: readonly ProfileMarker[]): CpuProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  profile.nodes.forEach((node) => node.children?.forEach((child) => parent.set(child, node.id)));
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>(markers.map((marker) => [marker.label, 0]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalMs = 0;
  samples.forEach((id, index) => {
    // timeDeltas[i + 1] is how long the sampled stack i stayed on the CPU.
    const ms = (deltas[index + 1] ?? 0) / 1000;
    const frame = nodes.get(id)?.callFrame;
    if (frame === undefined) {
      return;
    }
    totalMs += ms;
    add(byCategory, categoryOf(frame), ms);
    add(byFunction, `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(node_modules|libs|tools)\//, '$1/')}:${frame.lineNumber + 1}`, ms);
    const hit = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const callFrame = nodes.get(current)?.callFrame;
      markers
        .filter((marker) => callFrame?.functionName === marker.functionName && callFrame.url.includes(marker.urlPart))
        .forEach((marker) => hit.add(marker.label));
    }
    hit.forEach((label) => add(inclusive, label, ms));
  });
  return {
    totalMs,
    selfByCategory: sorted(byCategory),
    inclusive: sorted(inclusive),
    topFunctions: sorted(byFunction).slice(0, 15),
  };
}
