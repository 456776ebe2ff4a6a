import { parseArgs } from 'node:util';
import { text } from 'node:stream/consumers';
import { createLocalAccount } from './accounts/create-account.ts';
import { generatePassword } from './accounts/password.ts';
import { ConfigError, loadConfig } from './config/index.ts';
import { displayNameSchema, passwordSchema, usernameSchema } from './contract/accounts.ts';
import { openDatabase } from './db/connect.ts';
import { AppError } from './http/errors.ts';

// Administrative commands, run with the same environment variables as the server:
//   node api/src/cli.ts create-admin --username NAME [--display-name "Full Name"]
// The password is read from standard input when it is piped; otherwise one is generated and printed once.

const usage =
  'Usage: node api/src/cli.ts create-admin --username NAME [--display-name "Full Name"] < password-file';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function readPassword(): Promise<{ password: string; generated: boolean }> {
  if (process.stdin.isTTY) return { password: generatePassword(), generated: true };
  const input = (await text(process.stdin)).replace(/\r?\n$/, '');
  if (input === '') return { password: generatePassword(), generated: true };
  const checked = passwordSchema.safeParse(input);
  if (!checked.success) fail(`Invalid password on standard input: ${checked.error.issues[0]?.message}`);
  return { password: input, generated: false };
}

async function createAdmin(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { username: { type: 'string' }, 'display-name': { type: 'string' } },
    strict: true,
  });
  const username = usernameSchema.safeParse(values.username ?? '');
  if (!username.success) fail(`Invalid --username: ${username.error.issues[0]?.message}\n${usage}`);
  const displayName = displayNameSchema.safeParse(values['display-name'] ?? username.data);
  if (!displayName.success) fail(`Invalid --display-name: ${displayName.error.issues[0]?.message}`);

  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const { password, generated } = await readPassword();
  const database = await openDatabase(config.database);
  try {
    await createLocalAccount(
      database,
      { username: username.data, displayName: displayName.data, role: 'admin', password },
      { cost: config.accounts.scryptCost, audit: { actor: null } },
    );
  } catch (error) {
    if (error instanceof AppError) fail(error.message);
    throw error;
  } finally {
    await database.close();
  }
  console.log(`Created admin ${username.data}.`);
  if (generated) console.log(`Password (shown once, store it now): ${password}`);
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'create-admin') {
  await createAdmin(rest);
} else {
  fail(`Unknown command ${command ?? '(none)'}.\n${usage}`);
}
