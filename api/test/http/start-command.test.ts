import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

/** Resolves with the URL the server prints once it listens, or rejects when the process ends first. */
function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Assay is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

async function isAnswering(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe('start command', () => {
  const dataDirs: string[] = [];

  afterEach(() => {
    for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  // `pnpm start` is the README's first command, and a process manager signals only the PID it started.
  it.each([
    { command: 'pnpm start', program: 'pnpm', args: ['start', '--skip-build'], signal: 'SIGTERM' },
    {
      command: 'node scripts/start.ts',
      program: process.execPath,
      args: ['scripts/start.ts', '--skip-build'],
      signal: 'SIGTERM',
    },
    {
      command: 'node scripts/start.ts',
      program: process.execPath,
      args: ['scripts/start.ts', '--skip-build'],
      signal: 'SIGHUP',
    },
  ] as const)('$command stops the server on $signal', async ({ program, args, signal }) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-start-'));
    dataDirs.push(dataDir);
    const child = spawn(program, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        PORT: '0',
        DATA_DIR: dataDir,
        ASSAY_DEMO: 'false',
        ASSAY_WEB_DIR: path.join(dataDir, 'no-web-app'),
        LOG_LEVEL: 'warn',
      },
    });
    const exited = exitCode(child);
    const url = await waitForUrl(child);
    const answeredBefore = await isAnswering(url);

    child.kill(signal);
    const code = await exited;

    expect(answeredBefore).toBe(true);
    expect(code).toBe(0);
    expect(await isAnswering(url)).toBe(false);
  });
});
