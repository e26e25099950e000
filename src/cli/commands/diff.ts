import { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics';
import { formatReleaseDiff } from '../../releases/format-release-diff';
import { DraftInvalidError, UnknownReleaseError } from '../../releases/release-desk';
import { withReleaseDesk } from '../open-release-desk';
import { fail } from '../read-config';

/** `ivr diff A B`: what changes for callers from A to B (releases by number or id, `active`, or `draft`). */
export function diffCommand(): Command {
  return new Command('diff')
    .description('what changes for callers between two releases: nodes, options, prompts per language (A and B: number, id, active or draft)')
    .argument('[a]', 'from: a release, active or draft', 'active')
    .argument('[b]', 'to: a release, active or draft', 'draft')
    .option('--json', 'print the diff as JSON')
    .action(async (a: string, b: string, opts: { json?: boolean }) => {
      await withReleaseDesk('diff', async (desk) => {
        try {
          const d = await desk.diff(a, b);
          process.stdout.write(opts.json ? `${JSON.stringify(d, null, 2)}\n` : `${a} → ${b}:\n${formatReleaseDiff(d)}`);
        } catch (err) {
          if (err instanceof DraftInvalidError) {
            for (const d of err.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
            fail('diff', err.message);
          }
          if (err instanceof UnknownReleaseError) fail('diff', err.message);
          throw err;
        }
      });
    });
}
