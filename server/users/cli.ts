// `npm run user:create -- --username NAME --role admin [--role …|--roles a,b] [--districts a,b]
//   [--display-name "…"] [--update]`: creates a staff account (or, with --update, resets the password and
// roles of an existing one). The password is the first line of stdin, so it never shows in `ps` or history.
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connectForCli } from '../db/cli-connect.ts';
import { AppError } from '../errors.ts';
import { createUserAccount, updateUserAccount } from './service.ts';

const USAGE =
  'Usage: npm run user:create -- --username NAME --role ROLE [--role ROLE…|--roles a,b] [--districts a,b] ' +
  '[--display-name "…"] [--update]   (password: first line of stdin)';

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      username: { type: 'string' },
      role: { type: 'string', multiple: true },
      roles: { type: 'string' },
      districts: { type: 'string' },
      'display-name': { type: 'string' },
      update: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const list = (s?: string) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  const roles = [...(values.role ?? []), ...list(values.roles)];
  if (!values.username) throw new UsageError('--username is required.');
  if (!values.update && roles.length === 0) throw new UsageError('At least one --role is required.');
  return {
    username: values.username,
    roles,
    districts: values.districts === undefined ? undefined : list(values.districts),
    displayName: values['display-name'],
    update: values.update,
  };
}

/** The first line of stdin: piped, or typed at a prompt without echo. */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) return readHidden('Password: ');
  const rl = readline.createInterface({ input: stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line.replace(/\r$/, '');
  }
  return '';
}

function readHidden(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004' || ch === '\u0003') {
          stdin.setRawMode(false);
          stdin.off('data', onData);
          stdin.pause();
          process.stderr.write('\n');
          if (ch === '\u0003') process.exit(130);
          return resolve(typed);
        }
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

function explain(err: unknown): string {
  if (err instanceof AppError) {
    const issues = (err.extra.errors as { path: string; message: string }[] | undefined) ?? [];
    return [err.detail ?? err.title, ...issues.map((i) => `  ${i.path || '(input)'}: ${i.message}`)].join('\n');
  }
  return (err as Error).message;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 1;
  }
  const password = await readPassword();
  if (!password) {
    console.error(`No password on stdin.\n${USAGE}`);
    return 1;
  }
  let close: () => Promise<void>;
  try {
    close = await connectForCli(loadConfig());
  } catch (err) {
    console.error(`Cannot reach the database: ${(err as Error).message}`);
    return 1;
  }
  const ctx = { actor: null, ip: 'cli' };
  try {
    if (args.update) {
      const user = await updateUserAccount(ctx, args.username, {
        password,
        ...(args.roles.length ? { roles: args.roles } : {}),
        ...(args.districts ? { districts: args.districts } : {}),
        ...(args.displayName !== undefined ? { displayName: args.displayName } : {}),
      });
      console.log(`Updated user ${user.username} (roles: ${user.roles.join(', ')}); their sessions were ended.`);
    } else {
      const user = await createUserAccount(ctx, {
        username: args.username,
        password,
        roles: args.roles,
        ...(args.districts ? { districts: args.districts } : {}),
        ...(args.displayName !== undefined ? { displayName: args.displayName } : {}),
      });
      console.log(`Created user ${user.username} (roles: ${user.roles.join(', ')}).`);
    }
    return 0;
  } catch (err) {
    console.error(explain(err));
    return 1;
  } finally {
    await close();
  }
}

process.exit(await main());
