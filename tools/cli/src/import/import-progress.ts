import { Presets, SingleBar } from 'cli-progress';
import type { CliOutput } from '../output/cli-output';
import type { ImportListener } from './import-files';
import { describeProblem, type FileOutcome } from './import-outcome';

/** Shows how an import is going: a progress bar on a terminal, one line per file otherwise (logs, CI). */
export interface ImportProgress extends ImportListener {
  start(totalFiles: number): void;
  stop(): void;
}

export function createImportProgress(output: CliOutput, now: () => number): ImportProgress {
  return output.isTTY && output.terminal !== undefined
    ? new BarImportProgress(output.terminal, now)
    : new LineImportProgress(output);
}

/** One line per finished file: `[3/20] ok file: 157 resources (157 created, 0 updated, 0 unchanged)`. */
export class LineImportProgress implements ImportProgress {
  private total = 0;
  private done = 0;

  constructor(private readonly output: CliOutput) {}

  start(totalFiles: number): void {
    this.total = totalFiles;
  }

  fileFinished(outcome: FileOutcome): void {
    this.done++;
    const counter = `[${this.done}/${this.total}]`;
    if (outcome.ok) {
      const { created, updated, unchanged } = outcome.result;
      this.output.out(
        `${counter} ok ${outcome.file}: ${outcome.resources} resources ` +
          `(${created} created, ${updated} updated, ${unchanged} unchanged)`,
      );
    } else {
      this.output.out(`${counter} FAILED ${describeProblem(outcome.problem)}`);
    }
  }

  stop(): void {
    // Nothing to tidy: every line is already complete.
  }
}

/** A cli-progress bar over files, with the resources imported so far and their rate. */
export class BarImportProgress implements ImportProgress {
  private readonly bar: SingleBar;
  private startedAt = 0;
  private resources = 0;
  private failed = 0;

  constructor(
    terminal: NodeJS.WritableStream,
    private readonly now: () => number,
  ) {
    this.bar = new SingleBar(
      {
        format:
          'Importing [{bar}] {value}/{total} files | {resources} resources | {rate} resources/s | {failed} failed',
        stream: terminal,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
  }

  start(totalFiles: number): void {
    this.startedAt = this.now();
    this.bar.start(totalFiles, 0, this.payload());
  }

  fileFinished(outcome: FileOutcome): void {
    if (outcome.ok) {
      this.resources += outcome.resources;
    } else {
      this.failed++;
    }
    this.bar.increment(1, this.payload());
  }

  stop(): void {
    this.bar.stop();
  }

  private payload(): { resources: number; rate: number; failed: number } {
    const seconds = Math.max((this.now() - this.startedAt) / 1000, 0.001);
    return { resources: this.resources, rate: Math.round(this.resources / seconds), failed: this.failed };
  }
}
