import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './repo-root';

const execFileAsync = promisify(execFile);


export const BACKEND_SERVICES = ['auth', 'chart', 'practice', 'terminology'] as const;
export type BackendService = (typeof BACKEND_SERVICES)[number];
export type AppName = BackendService | 'gateway';

/** The compiled entry point of an app (`nx build <app>` output). */
export function appMainPath(app: AppName): string {
  return resolve(REPO_ROOT, 'dist/apps', app, 'apps', app, 'src/main.js');
}

/** Builds every app with Nx (cached when nothing changed): the processes under test are the real build output. */
export async function buildApps(): Promise<void> {
  await execFileAsync('npx', ['nx', 'run-many', '-t', 'build', '--projects=gateway,auth,chart,practice,terminology'], {
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
}

export interface AppProcess {
  readonly app: AppName;
  readonly child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** Resident set size in KiB, from /proc. */
  rssKiB(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts one app as its own OS process and resolves once it prints `readyText` (services log "<name> service
 * listening"; the gateway logs "Connector listening"), rejecting with its output if it exits first.
 */
export function startApp(app: AppName, env: Record<string, string>, readyText: string, timeoutMs = 60000): Promise<AppProcess> {
  const child = spawn(process.execPath, [appMainPath(app)], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const handle: AppProcess = {
    app,
    child,
    output: () => output,
    rssKiB: () => rssKiB(child.pid),
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
  };
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${app} did not become ready within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolvePromise(handle);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    // 'close', not 'exit': it comes after the last output, which says why the process stopped.
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`${app} exited with code ${code} before it was ready:\n${output}`));
    });
  });
}

function rssKiB(pid: number | undefined): number {
  if (pid === undefined) {
    return 0;
  }
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return match ? Number(match[1]) : 0;
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolvePromise();
    });
    child.kill(signal);
  });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `connector` CLI (tools/scripts/run-cli.js) with extra environment. */
export async function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'tools/scripts/run-cli.js'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}

/** Polls `url` until it answers `status` (e.g. the gateway's /health/ready answering 200). */
export async function waitForStatus(url: string, status: number, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === status) {
        return;
      }
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}
