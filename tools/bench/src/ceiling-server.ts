import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * The ceiling: bare node:http answering the exact bytes and content type of a Patient read. It runs in its own
 * process — in the bench's process it would share one event loop with the load generator and halve itself.
 */
const SERVER_SOURCE = `
const { createServer } = require('node:http');
const { readFileSync } = require('node:fs');
const payload = readFileSync(process.argv[1]);
const contentType = process.argv[2];
const server = createServer((request, response) => {
  response.writeHead(200, { 'content-type': contentType, 'content-length': payload.length });
  response.end(payload);
});
server.listen(0, '127.0.0.1', () => console.log('ceiling listening on ' + server.address().port));
`;

export async function startCeilingServer(body: string, contentType: string): Promise<{ url: string; close(): Promise<void> }> {
  const bodyFile = join(tmpdir(), `connector-ceiling-${process.pid}.json`);
  writeFileSync(bodyFile, body);
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER_SOURCE, bodyFile, contentType], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /ceiling listening on (\d+)/.exec(chunk.toString());
      if (match) {
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`ceiling server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/fhir/Patient/ceiling`,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
