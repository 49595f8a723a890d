/** Entry point of the `rab` command (bin/rab.mjs runs this through tsx). */
import { processContext } from './cli-context';
import { runCli } from './run-cli';

process.exitCode = await runCli(process.argv.slice(2), processContext());
