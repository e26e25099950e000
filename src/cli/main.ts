import { Command } from 'commander';
import { validateCommand } from './commands/validate';
import { callCommand } from './commands/call';
import { serveCommand } from './commands/serve';
import { schemaCommand } from './commands/schema';
import { testCommand } from './commands/test';
import { diagramCommand } from './commands/diagram';
import { purgeCommand } from './commands/purge';
import { reportCommand } from './commands/report';
import { migrateCommand } from './commands/migrate';
import { benchCommand } from './commands/bench';

/** The `ivr` command line. Each sub-command lives in commands/<name>.ts. */
const program = new Command()
  .name('ivr')
  .description('IVR call-flow engine: validate flows, place simulated calls, serve the Twilio webhook')
  .showHelpAfterError();

program.addCommand(validateCommand());
program.addCommand(callCommand());
program.addCommand(serveCommand());
program.addCommand(schemaCommand());
program.addCommand(testCommand());
program.addCommand(diagramCommand());
program.addCommand(purgeCommand());
program.addCommand(reportCommand());
program.addCommand(migrateCommand());
program.addCommand(benchCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
