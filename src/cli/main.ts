import { Command } from 'commander';

/**
 * Each sub-command lives in commands/<name>.ts and is required only when it runs: `ivr serve`
 * would otherwise load the Twilio REST client, PostgreSQL, the simulator and the benchmarks at
 * start-up for nothing. Help, an unknown command or no command load them all, so commander
 * lists and suggests exactly what it always did.
 */
const COMMANDS: Record<string, () => Command> = {
  validate: () => (require('./commands/validate') as typeof import('./commands/validate')).validateCommand(),
  call: () => (require('./commands/call') as typeof import('./commands/call')).callCommand(),
  serve: () => (require('./commands/serve') as typeof import('./commands/serve')).serveCommand(),
  schema: () => (require('./commands/schema') as typeof import('./commands/schema')).schemaCommand(),
  test: () => (require('./commands/test') as typeof import('./commands/test')).testCommand(),
  diagram: () => (require('./commands/diagram') as typeof import('./commands/diagram')).diagramCommand(),
  purge: () => (require('./commands/purge') as typeof import('./commands/purge')).purgeCommand(),
  report: () => (require('./commands/report') as typeof import('./commands/report')).reportCommand(),
  migrate: () => (require('./commands/migrate') as typeof import('./commands/migrate')).migrateCommand(),
  demo: () => (require('./commands/demo') as typeof import('./commands/demo')).demoCommand(),
  bench: () => (require('./commands/bench') as typeof import('./commands/bench')).benchCommand(),
  publish: () => (require('./commands/publish') as typeof import('./commands/publish')).publishCommand(),
  versions: () => (require('./commands/versions') as typeof import('./commands/versions')).versionsCommand(),
  diff: () => (require('./commands/diff') as typeof import('./commands/diff')).diffCommand(),
  rollback: () => (require('./commands/rollback') as typeof import('./commands/rollback')).rollbackCommand(),
  cancel: () => (require('./commands/cancel') as typeof import('./commands/cancel')).cancelCommand(),
  openapi: () => (require('./commands/openapi') as typeof import('./commands/openapi')).openApiCommand(),
};

/** The `ivr` command line. */
const program = new Command()
  .name('ivr')
  .description('IVR call-flow engine: validate flows, place simulated calls, serve the Twilio webhook')
  .showHelpAfterError();

const named = process.argv[2];
const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
for (const name of wanted) program.addCommand(COMMANDS[name]());

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
