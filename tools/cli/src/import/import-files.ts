import { ImportError, ImportRequestError, sendPreparedImport, type ImportClients } from '@connector/fhir-import';
import type { FileOutcome, ImportProblem } from './import-outcome';
import { readImportFile } from './read-import-file.util';

/** A file to import: where to read it and the name that reports and the services' `source` use. */
export interface ImportFile {
  readonly path: string;
  readonly source: string;
}

/** Told about each file as it finishes (progress output). */
export interface ImportListener {
  fileFinished(outcome: FileOutcome): void;
}

/**
 * Imports files one after the other: read, parse, prepare, then one request per owning service. A file that
 * fails is reported and skipped; the others go on.
 */
export async function importFiles(
  files: readonly ImportFile[],
  clients: ImportClients,
  listener?: ImportListener,
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    const outcome = await importFile(file, clients);
    listener?.fileFinished(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}

async function importFile(file: ImportFile, clients: ImportClients): Promise<FileOutcome> {
  try {
    const prepared = await readImportFile(file.path, file.source);
    const result = await sendPreparedImport(clients, prepared);
    return { ok: true, file: file.source, resources: prepared.resources.length, result };
  } catch (error) {
    return { ok: false, file: file.source, problem: problemOf(file.source, error) };
  }
}

function problemOf(source: string, error: unknown): ImportProblem {
  if (error instanceof ImportError) {
    return { file: source, entryIndex: error.entryIndex, line: error.line, message: error.detail };
  }
  if (error instanceof ImportRequestError && error.imported.length > 0) {
    // The services store their parts in separate transactions: say what is already in.
    return { file: source, message: `${error.message} (already stored by the ${error.imported.join(', ')} service)` };
  }
  return { file: source, message: error instanceof Error ? error.message : String(error) };
}
