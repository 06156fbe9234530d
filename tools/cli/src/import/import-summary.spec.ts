import type { FileOutcome } from './import-outcome';
import { renderImportSummary, summarizeImport } from './import-summary';

const outcomes: FileOutcome[] = [
  {
    ok: true,
    file: 'a.json',
    resources: 3,
    result: {
      source: 'a.json',
      created: 2,
      updated: 1,
      unchanged: 0,
      byType: { Patient: 1, Observation: 2 },
      byService: new Map(),
    },
  },
  {
    ok: true,
    file: 'b.json',
    resources: 2,
    result: {
      source: 'b.json',
      created: 0,
      updated: 0,
      unchanged: 2,
      byType: { Observation: 1, Coverage: 1 },
      byService: new Map(),
    },
  },
  { ok: false, file: 'c.json', problem: { file: 'c.json', entryIndex: 4, message: 'invalid id "a b"' } },
];

describe('summarizeImport', () => {
  it('adds up files, outcomes and resources per type; path problems count as failed', () => {
    const summary = summarizeImport(outcomes, [{ file: 'missing/', message: 'no such file or directory: missing/' }]);

    expect(summary).toEqual({
      filesOk: 2,
      filesFailed: 2,
      created: 2,
      updated: 1,
      unchanged: 2,
      byType: { Patient: 1, Observation: 3, Coverage: 1 },
      problems: [
        { file: 'missing/', message: 'no such file or directory: missing/' },
        { file: 'c.json', entryIndex: 4, message: 'invalid id "a b"' },
      ],
    });
  });
});

describe('renderImportSummary', () => {
  it('prints files, a table of types with a total, the outcome totals and the errors', () => {
    const text = renderImportSummary(summarizeImport(outcomes));

    expect(text.split('\n')).toEqual([
      'Files: 2 imported, 1 failed',
      '',
      'Resource type  Resources',
      '-------------  ---------',
      'Coverage               1',
      'Observation            3',
      'Patient                1',
      'Total                  5',
      '',
      'Resources: 2 created, 1 updated, 2 unchanged',
      '',
      'Errors:',
      'File    Where    Problem',
      '------  -------  ----------------',
      'c.json  entry 4  invalid id "a b"',
    ]);
  });

  it('prints no tables when nothing was imported and nothing failed', () => {
    expect(renderImportSummary(summarizeImport([]))).toBe(
      'Files: 0 imported, 0 failed\n\nResources: 0 created, 0 updated, 0 unchanged',
    );
  });
});
