import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandPaths } from './expand-paths.util';

describe('expandPaths', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'connector-expand-'));
    for (const file of ['a.json', 'notes.txt', 'data/b.ndjson', 'data/c.json', 'data/deep/d.JSON', 'data/readme.md']) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), '{}');
    }
    mkdirSync(join(root, 'empty'));
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('takes a named file as it is, whatever its extension', async () => {
    expect(await expandPaths(['notes.txt'], root)).toEqual({ files: [join(root, 'notes.txt')], problems: [] });
  });

  it('finds every *.json and *.ndjson below a directory, sorted', async () => {
    const { files, problems } = await expandPaths(['data'], root);

    expect(files).toEqual([join(root, 'data/b.ndjson'), join(root, 'data/c.json')]);
    expect(problems).toEqual([]);
  });

  it('expands a glob relative to the working directory, keeping only importable files', async () => {
    const { files } = await expandPaths(['**/*'], root);

    expect(files).toEqual([
      join(root, 'a.json'),
      join(root, 'data/b.ndjson'),
      join(root, 'data/c.json'),
      join(root, 'data/deep/d.JSON'),
    ]);
  });

  it('lists each file once, in argument order', async () => {
    const { files } = await expandPaths(['data/c.json', 'data', join(root, 'a.json')], root);

    expect(files).toEqual([join(root, 'data/c.json'), join(root, 'data/b.ndjson'), join(root, 'a.json')]);
  });

  it('reports arguments that name nothing and keeps the rest', async () => {
    const { files, problems } = await expandPaths(['missing.json', 'a.json', 'empty', 'nothing/*.json'], root);

    expect(files).toEqual([join(root, 'a.json')]);
    expect(problems).toEqual([
      { path: 'missing.json', message: 'no such file or directory: missing.json' },
      { path: 'empty', message: 'no *.json or *.ndjson files in directory empty' },
      { path: 'nothing/*.json', message: 'no *.json or *.ndjson files match nothing/*.json' },
    ]);
  });
});
