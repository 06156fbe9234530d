import { textTable } from './text-table.util';

describe('textTable', () => {
  it('pads columns to their widest cell, right-aligning where asked', () => {
    const table = textTable(
      ['Type', 'Count'],
      [
        ['Patient', '1'],
        ['Observation', '120'],
      ],
      ['left', 'right'],
    );

    expect(table.split('\n')).toEqual([
      'Type         Count',
      '-----------  -----',
      'Patient          1',
      'Observation    120',
    ]);
  });
});
