import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAssay } from '../support/assay.ts';
import { startTestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { signIn } from '../support/session.ts';

const cli = path.resolve(import.meta.dirname, '../../src/cli.ts');

describe.each(engineCases)('create-admin command on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database });
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  function run(args: string[], input: string) {
    return spawnSync(process.execPath, [cli, ...args], {
      input,
      encoding: 'utf8',
      env: { ...process.env, ...database.env, ASSAY_SCRYPT_LOG2_N: '14', LOG_LEVEL: 'silent' },
    });
  }

  it.skipIf(unavailable)('creates an admin with a password from standard input', async () => {
    const result = run(
      ['create-admin', '--username', 'ops-admin', '--display-name', 'Operations'],
      'piped password 123\n',
    );

    const session = await signIn(assay, 'ops-admin', 'piped password 123');

    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('piped password');
    expect(session.user.role).toBe('admin');
  });

  it.skipIf(unavailable)('prints a generated password once when none is piped', async () => {
    const result = run(['create-admin', '--username', 'generated-admin'], '');
    const password = /Password \(shown once, store it now\): (\S+)/.exec(result.stdout)?.[1] ?? '';

    const session = await signIn(assay, 'generated-admin', password);

    expect(result.status).toBe(0);
    expect(password).toHaveLength(24);
    expect(session.user.username).toBe('generated-admin');
  });

  it.skipIf(unavailable)('fails with a message for a taken username', () => {
    const result = run(['create-admin', '--username', 'ops-admin'], '');

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The username "ops-admin" is already taken');
  });
});

describe('create-admin arguments', () => {
  it.each([
    { case: 'no --username', args: ['create-admin'], message: '--username is required.' },
    {
      case: '--username without a value',
      args: ['create-admin', '--username'],
      message: "Option '--username <value>' argument missing",
    },
    {
      case: 'an unknown option',
      args: ['create-admin', '--username', 'ops', '--role', 'admin'],
      message: "Unknown option '--role'",
    },
    {
      case: 'a too short username',
      args: ['create-admin', '--username', 'x'],
      message: 'Invalid --username: ',
    },
    { case: 'an unknown command', args: ['make-admin'], message: 'Unknown command make-admin.' },
  ])('rejects $case with a usage line', ({ args, message }) => {
    const result = spawnSync(process.execPath, [cli, ...args], { input: '', encoding: 'utf8' });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: node api/src/cli.ts create-admin --username NAME');
  });
});
