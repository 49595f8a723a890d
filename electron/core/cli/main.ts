/** Entry point of the `rab` command (compiled to out/cli/rab.mjs, which bin/rab.mjs runs). */
import { processContext } from './cli-context';
import { runCli } from './run-cli';

process.exitCode = await runCli(process.argv.slice(2), processContext());
