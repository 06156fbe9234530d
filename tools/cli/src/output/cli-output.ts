/** Where the CLI writes; the real one is the process's stdout/stderr, specs collect lines. */
export interface CliOutput {
  /** True when stdout is a terminal: draw a progress bar instead of one line per file. */
  readonly isTTY: boolean;
  /** The terminal the progress bar draws on (used only when isTTY). */
  readonly terminal?: NodeJS.WritableStream;
  /** Writes `text` and a newline to stdout. */
  out(text: string): void;
  /** Writes `text` and a newline to stderr. */
  err(text: string): void;
}

export function processOutput(): CliOutput {
  return {
    isTTY: process.stdout.isTTY === true,
    terminal: process.stdout,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
}
