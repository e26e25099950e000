import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * What Linux's /proc says about a server process, whatever started it (our bench server or the
 * tutorial app): the CPU it has used and the most memory it has held. Read from outside, so a
 * process that cannot answer IPC is measured the same way as one that can.
 */

/**
 * User plus system CPU time, in clock ticks, from the text of /proc/<pid>/stat. The command name
 * (field 2) is in parentheses and may hold spaces or parentheses itself, so the fields are counted
 * from the last ')': utime and stime are fields 14 and 15.
 */
export function parseCpuTicks(stat: string): number {
  const close = stat.lastIndexOf(')');
  if (close === -1) throw new Error(`/proc/<pid>/stat: no ")" after the command name in ${JSON.stringify(stat.slice(0, 80))}; is this a stat file?`);
  // After ')' come fields 3 (state), 4, … so field n is at index n - 3.
  const fields = stat.slice(close + 2).trim().split(/\s+/);
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) throw new Error(`/proc/<pid>/stat: utime/stime (fields 14, 15) are not numbers in ${JSON.stringify(stat.slice(0, 120))}`);
  return utime + stime;
}

/** The peak resident set size (VmHWM), in bytes, from the text of /proc/<pid>/status. */
export function parsePeakRssBytes(status: string): number {
  const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  if (!m) throw new Error('/proc/<pid>/status has no "VmHWM: <n> kB" line; the process may have exited, or this is not Linux');
  return Number(m[1]) * 1024;
}

let ticksPerSecond: number | undefined;
/** Clock ticks per second (USER_HZ): 100 on every Linux we know of, asked of getconf to be sure. */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU milliseconds the process has used so far (10 ms steps at USER_HZ 100). */
export const readCpuMs = (pid: number): number => (parseCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) * 1000) / clockTicks();

/** The process's peak resident set size so far, in bytes. */
export const readPeakRss = (pid: number): number => parsePeakRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8'));
