import { parseArgs } from 'node:util';
import { text } from 'node:stream/consumers';
import { createLocalAccount } from './accounts/create-account.ts';
import { generatePassword } from './accounts/password.ts';
import { ConfigError, loadConfig } from './config/index.ts';
import { displayNameSchema, passwordSchema, usernameSchema } from './contract/accounts.ts';
import { openDatabase } from './db/connect.ts';
import { runRemoveDemoData } from './demo/remove-command.ts';
import { AppError } from './http/errors.ts';

// Administrative commands, run with the same environment variables as the server:
//   node api/src/cli.ts create-admin --username NAME [--display-name "Full Name"]
// The password is read from standard input when it is piped; otherwise one is generated and printed once.
//   node api/src/cli.ts remove-demo-data [--yes]
// Lists the demo data in DATA_DIR or DATABASE_URL; with --yes, removes it (see api/src/demo/remove-demo-data.ts).

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

function readCreateAdminOptions(args: string[]): { username?: string; displayName?: string } {
  try {
    const { values } = parseArgs({
      args,
      options: { username: { type: 'string' }, 'display-name': { type: 'string' } },
      strict: true,
    });
    return { username: values.username, displayName: values['display-name'] };
  } catch (error) {
    // parseArgs raises ERR_PARSE_ARGS_* for an unknown option, a missing value or a stray argument.
    const code = (error as NodeJS.ErrnoException).code;
    if (code?.startsWith('ERR_PARSE_ARGS_')) fail(`${(error as Error).message}\n${usage}`);
    throw error;
  }
}

async function createAdmin(args: string[]) {
  const options = readCreateAdminOptions(args);
  if (options.username === undefined) fail(`--username is required.\n${usage}`);
  const username = usernameSchema.safeParse(options.username);
  if (!username.success) fail(`Invalid --username: ${username.error.issues[0]?.message}\n${usage}`);
  const displayName = displayNameSchema.safeParse(options.displayName ?? username.data);
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
} else if (command === 'remove-demo-data') {
  const result = await runRemoveDemoData(rest);
  (result.exitCode === 0 ? console.log : console.error)(result.output);
  process.exit(result.exitCode);
} else {
  fail(`Unknown command ${command ?? '(none)'}.\n${usage}`);
}
