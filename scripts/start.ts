// `pnpm start`: builds the web app, then runs the API server, which also serves the built app.
//   node scripts/start.ts [--skip-build]
// --skip-build serves the web/dist that an earlier build left.
//
// The server runs as a child process, and SIGINT and SIGTERM sent to this process are passed on to it
// (SIGHUP as SIGTERM, because the server stops gracefully only on those two). A process manager or
// `kill` usually signals only the process it started. pnpm passes SIGTERM on only to the shell that runs
// the package.json script, and dash does not pass it further, so that script starts this file with
// `exec` to leave no shell in between.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const forwardedSignals: Record<string, NodeJS.Signals> = {
  SIGINT: 'SIGINT',
  SIGTERM: 'SIGTERM',
  SIGHUP: 'SIGTERM',
};

let child: ChildProcess | undefined;
let stopRequested = false;

for (const [received, forwarded] of Object.entries(forwardedSignals)) {
  process.on(received, () => {
    stopRequested = true;
    child?.kill(forwarded);
  });
}

/** Runs a command with this process's terminal and environment, and resolves with its exit code. */
function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const started = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child = started;
    started.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(1);
    });
    started.on('exit', (code, signal) => {
      child = undefined;
      // A child that a signal ended has no exit code, so this reports 128 plus the signal number, as shells do.
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

/** Builds the web app with the pnpm that runs this script, or the one on PATH. */
function buildWebApp(): Promise<number> {
  const pnpmScript = process.env.npm_execpath;
  if (pnpmScript && /\.[cm]?js$/.test(pnpmScript)) {
    return run(process.execPath, [pnpmScript, '--filter', '@assay/web', 'build']);
  }
  return run('pnpm', ['--filter', '@assay/web', 'build']);
}

function readOptions(): { skipBuild: boolean } {
  try {
    const { values } = parseArgs({ options: { 'skip-build': { type: 'boolean' } }, strict: true });
    return { skipBuild: values['skip-build'] === true };
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: node scripts/start.ts [--skip-build]`);
    process.exit(2);
  }
}

if (!readOptions().skipBuild) {
  const built = await buildWebApp();
  if (stopRequested) process.exit(built);
  if (built !== 0) {
    console.error(`The web app build failed (exit code ${built}), so the server was not started.`);
    process.exit(built);
  }
}
if (stopRequested) process.exit(0);

// A 4 MiB young generation keeps the idle server's resident set under 200 MB (docs/benchmarks.md).
const exitCode = await run(process.execPath, ['--max-semi-space-size=4', path.join('api', 'src', 'main.ts')]);
process.exit(exitCode);
