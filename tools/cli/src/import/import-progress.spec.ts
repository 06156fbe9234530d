import { PassThrough } from 'node:stream';
import { collectingOutput } from '../testing/fake-cli';
import { BarImportProgress, createImportProgress, LineImportProgress } from './import-progress';
import type { FileOutcome } from './import-outcome';

const imported: FileOutcome = {
  ok: true,
  file: 'a.json',
  resources: 10,
  result: { source: 'a.json', created: 7, updated: 2, unchanged: 1, byType: {}, byService: new Map() },
};
const failed: FileOutcome = {
  ok: false,
  file: 'b.ndjson',
  problem: { file: 'b.ndjson', line: 3, message: 'invalid JSON' },
};

describe('createImportProgress', () => {
  it('prints lines when stdout is not a terminal and draws a bar when it is', () => {
    expect(createImportProgress(collectingOutput(), () => 0)).toBeInstanceOf(LineImportProgress);
    const terminal = { ...collectingOutput(), isTTY: true, terminal: new PassThrough() };
    expect(createImportProgress(terminal, () => 0)).toBeInstanceOf(BarImportProgress);
  });
});

describe(LineImportProgress.name, () => {
  describe('fileFinished', () => {
    it('prints one line per file with its counts or its problem', () => {
      const output = collectingOutput();
      const progress = new LineImportProgress(output);

      progress.start(2);
      progress.fileFinished(imported);
      progress.fileFinished(failed);
      progress.stop();

      expect(output.lines).toEqual([
        '[1/2] ok a.json: 10 resources (7 created, 2 updated, 1 unchanged)',
        '[2/2] FAILED b.ndjson line 3: invalid JSON',
      ]);
    });
  });
});

describe(BarImportProgress.name, () => {
  describe('fileFinished', () => {
    it('draws files, resources and the rate on the terminal', () => {
      const terminal = Object.assign(new PassThrough(), {
        isTTY: true,
        columns: 200,
        cursorTo: () => true,
        clearLine: () => true,
        moveCursor: () => true,
      });
      let drawn = '';
      terminal.on('data', (chunk: Buffer) => {
        drawn += chunk.toString();
      });
      let now = 0;
      const progress = new BarImportProgress(terminal, () => now);

      progress.start(2);
      now = 2000;
      progress.fileFinished(imported);
      progress.fileFinished(failed);
      progress.stop();

      expect(drawn).toContain('2/2 files | 10 resources | 5 resources/s | 1 failed');
    });
  });
});
