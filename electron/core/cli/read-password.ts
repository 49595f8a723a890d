/**
 * Reads a password from standard input, never from the command line (argv is visible to every
 * user of the machine and lands in shell history). Piped input is read whole and one trailing line
 * break removed; on a terminal the password is typed without echo.
 */
import { AppError } from '../../../shared/errors';
import type { CliContext } from './cli-context';

const MAX_BYTES = 4096;

export async function readPassword(ctx: CliContext, prompt = 'Password: '): Promise<string> {
  const password = ctx.stdin.isTTY && ctx.stdin.setRawMode ? await readWithoutEcho(ctx, prompt) : await readPiped(ctx);
  return password;
}

async function readPiped(ctx: CliContext): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > MAX_BYTES) throw new AppError('PASSWORD_INVALID', 'Standard input holds more than a password: write only the password to it.');
    chunks.push(b);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.replace(/\r?\n$/, '');
}

function readWithoutEcho(ctx: CliContext, prompt: string): Promise<string> {
  const stdin = ctx.stdin;
  ctx.stderr.write(prompt);
  stdin.setRawMode!(true);
  stdin.resume();
  let typed = '';
  return new Promise((resolvePassword, reject) => {
    const done = (fn: () => void) => {
      stdin.setRawMode!(false);
      stdin.pause();
      stdin.off('data', onData);
      ctx.stderr.write('\n');
      fn();
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return done(() => resolvePassword(typed));
        if (ch === '\u0003') return done(() => reject(new AppError('PASSWORD_INVALID', 'Cancelled: no password was given.')));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
