import { readFile } from 'node:fs/promises';
import { ImportError, prepareImport, prepareNdjson, type PreparedImport } from '@connector/fhir-import';

/**
 * Reads and prepares one file: `*.ndjson` as one resource per line, anything else as one JSON document (a
 * Bundle or a single resource). Invalid JSON fails the file with the parser's message.
 */
export async function readImportFile(path: string, source: string): Promise<PreparedImport> {
  const text = withoutByteOrderMark(await readFile(path, 'utf8'));
  if (/\.ndjson$/i.test(path)) {
    return prepareNdjson(text, source);
  }
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch (error) {
    throw new ImportError(source, `invalid JSON: ${(error as Error).message}`);
  }
  return prepareImport(document, source);
}

/** Editors on Windows like to start UTF-8 files with a BOM, which JSON.parse rejects. */
function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
