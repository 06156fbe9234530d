/** Where in a file the problem is: a bundle entry (0-based, as in `Bundle.entry[i]`) or an NDJSON line (1-based). */
export interface ImportErrorLocation {
  readonly entryIndex?: number;
  readonly line?: number;
}

/**
 * Why one file cannot be imported. The whole file is rejected on the first problem (nothing of it is sent),
 * so the message names the file and the entry or line to fix.
 */
export class ImportError extends Error {
  readonly entryIndex?: number;
  readonly line?: number;

  constructor(
    readonly source: string,
    /** The problem alone, without the file and position (for tables that show those in their own columns). */
    readonly detail: string,
    location: ImportErrorLocation = {},
  ) {
    super(`${source}${describeLocation(location)}: ${detail}`);
    this.name = 'ImportError';
    this.entryIndex = location.entryIndex;
    this.line = location.line;
  }
}

function describeLocation(location: ImportErrorLocation): string {
  if (location.entryIndex !== undefined) {
    return ` entry ${location.entryIndex}`;
  }
  if (location.line !== undefined) {
    return ` line ${location.line}`;
  }
  return '';
}
