import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { BenchStores } from './bench-stores';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time so far of this process and of the bench's own PostgreSQL backends, and the machine's load. */
export interface CpuSnapshot {
  readonly nodeMs: number;
  /** Per backend pid; undefined when the server's /proc is not readable (PostgreSQL on another host). */
  readonly backendMs: ReadonlyMap<number, number> | undefined;
  readonly load1: number;
}

/** CPU used between two snapshots: contention-independent, unlike wall-clock rates on a shared machine. */
export interface CpuUsage {
  readonly nodeMs: number;
  readonly postgresMs: number | undefined;
  /** 1-minute load average at the start and end: other work on the machine shows here. */
  readonly load: readonly [number, number];
}

/** utime + stime of a process in ms, from /proc/<pid>/stat (fields 14 and 15; the name may contain spaces). */
export function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

async function backendCpu(stores: BenchStores): Promise<Map<number, number> | undefined> {
  const store = stores.get('chart');
  const rows = (await store.dataSource.query(
    'SELECT pid FROM pg_stat_activity WHERE application_name = ANY($1)',
    [[...stores.byService.values()].map((each) => each.applicationName)],
  )) as { pid: number }[];
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = processCpuMs(pid);
    if (ms === undefined) {
      return undefined;
    }
    cpu.set(pid, ms);
  }
  return cpu;
}

export async function cpuSnapshot(stores: BenchStores): Promise<CpuSnapshot> {
  const { user, system } = process.cpuUsage();
  return { nodeMs: (user + system) / 1000, backendMs: await backendCpu(stores), load1: loadavg()[0] };
}

/**
 * CPU used since `before`. Backends opened meanwhile count from zero; the bench's pools never close idle
 * connections (see bench-stores.ts), so none is lost.
 */
export async function cpuSince(before: CpuSnapshot, stores: BenchStores): Promise<CpuUsage> {
  const after = await cpuSnapshot(stores);
  let postgresMs: number | undefined;
  if (before.backendMs !== undefined && after.backendMs !== undefined) {
    postgresMs = 0;
    for (const [pid, ms] of after.backendMs) {
      postgresMs += ms - (before.backendMs.get(pid) ?? 0);
    }
  }
  return { nodeMs: after.nodeMs - before.nodeMs, postgresMs, load: [before.load1, after.load1] };
}
