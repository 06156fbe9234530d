import './quiet-service-logs';
import 'reflect-metadata';
import { runCli } from './cli.program';
import { openServices } from './open-services';
import { processOutput } from './output/cli-output';

/** `npm run connector -- <command>` (tools/scripts/run-cli.js builds and loads this file). */
void runCli(process.argv, {
  output: processOutput(),
  openServices: () => openServices(),
  cwd: process.cwd(),
  now: () => Date.now(),
}).then((code) => {
  // Exit explicitly: a closed client library may still hold a timer that would keep the process alive.
  // stdout and stderr are synchronous for files, pipes and terminals on Linux, so nothing written is lost.
  process.exit(code);
});
