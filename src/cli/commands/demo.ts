import { Command, InvalidArgumentError } from 'commander';
import { DateTime } from 'luxon';
import { createLogger } from '../../server/logger';
import { loadProjectOrThrow } from '../../sim/simulate-call';
import { fail, readServerConfig } from '../read-config';

type DemoCommandOptions = { days: number; callsPerDay: number; seed: number; end?: string };

/**
 * `ivr demo [--days 7]`: fills the configured database (SQLite by default) with a realistic week of
 * calls placed through the real engine, so `ivr report`, the admin API and the metrics show
 * something on day one. The days end yesterday (Beijing time) unless --end says otherwise.
 */
export function demoCommand(): Command {
  return new Command('demo')
    .description('place a realistic week of simulated calls through the engine into the configured database (for ivr report and the admin API)')
    .option('--days <n>', 'how many days of calls', whole(1, 60), 7)
    .option('--calls-per-day <n>', 'calls placed each day, over all lines', whole(1, 5000), 100)
    .option('--seed <n>', 'the same seed places the same calls (call SIDs included)', whole(0, 99), 1)
    .option('--end <date>', 'the last day of calls, YYYY-MM-DD in Beijing time (default: yesterday)')
    .action(async (opts: DemoCommandOptions) => {
      const config = readServerConfig('demo');
      const project = loadProjectOrThrow(config.flowsDir);
      const zone = 'Asia/Shanghai';
      const end = opts.end ? DateTime.fromISO(opts.end, { zone }) : DateTime.now().setZone(zone).minus({ days: 1 });
      if (!end.isValid) fail('demo', `--end: "${opts.end}" is not a date; write YYYY-MM-DD`);
      const first = end.startOf('day').minus({ days: opts.days - 1 });
      const print = (line: string) => process.stdout.write(`${line}\n`);
      print(`ivr demo: ${opts.days} days of calls (${first.toISODate()} to ${end.toISODate()}, ${opts.callsPerDay} a day) into ${config.database.kind === 'sqlite' ? config.database.file : config.database.kind}`);
      const { runDemo } = require('../../demo/demo-week') as typeof import('../../demo/demo-week');
      const summary = await runDemo(config, project, { start: first.toMillis(), days: opts.days, callsPerDay: opts.callsPerDay, seed: opts.seed, logger: createLogger('error'), print });
      const outcomes = Object.entries(summary.outcomes).map(([k, v]) => `${k} ${v}`).join(', ');
      print(`placed ${summary.calls} calls (${outcomes}); ${summary.tickets} tickets, ${summary.resolved} resolved; ${summary.surveysAnswered} surveys answered; ${summary.callbacksPlaced} call backs placed, ${summary.callbacksAnswered} answered`);
      print(`try:  npx ivr report --from ${first.toISODate()} --to ${end.toISODate()}`);
      if (summary.firstCall) print(`      curl -H "Authorization: Bearer $ADMIN_TOKEN" http://localhost:${config.port}/api/calls/${summary.firstCall}`);
      if (summary.firstTicket) print(`      curl -H "Authorization: Bearer $ADMIN_TOKEN" http://localhost:${config.port}/api/tickets/${summary.firstTicket}`);
    });
}

function whole(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
    return n;
  };
}
