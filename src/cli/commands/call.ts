import { Command } from 'commander';
export function callCommand(): Command {
  return new Command('call');
}
