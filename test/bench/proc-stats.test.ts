import { parseCpuTicks, parsePeakRssBytes, readCpuMs, readPeakRss } from '../../src/bench/proc-stats';

// A real /proc/<pid>/stat line, its command name made awkward on purpose: spaces and a ')' inside.
const STAT = '4242 (node (bench) x) S 4200 4242 4200 0 -1 4194560 31975 0 0 0 1234 567 0 0 20 0 11 0 98765 1103093760 40000 18446744073709551615 1 1 0 0 0 0 0 16781312 134235650 0 0 0 17 1 0 0 0 0 0';

const STATUS = ['Name:\tnode', 'State:\tS (sleeping)', 'VmPeak:\t 1077236 kB', 'VmHWM:\t  161024 kB', 'VmRSS:\t  150000 kB', 'Threads:\t11'].join('\n');

describe('what /proc says about a server process', () => {
  it('reads user plus system CPU ticks from the stat line, whatever the command name holds', () => {
    expect(parseCpuTicks(STAT)).toBe(1234 + 567);
  });

  it('reads the peak resident set size in bytes from the status file', () => {
    expect(parsePeakRssBytes(STATUS)).toBe(161024 * 1024);
  });

  it('says what is wrong when the text is not a stat or status file', () => {
    expect(() => parseCpuTicks('no parentheses here')).toThrow(/no "\)" after the command name/);
    expect(() => parseCpuTicks('1 (node) S 2 3')).toThrow(/utime\/stime \(fields 14, 15\) are not numbers/);
    expect(() => parsePeakRssBytes('Name:\tnode\nVmRSS:\t 1 kB')).toThrow(/no "VmHWM: <n> kB" line/);
  });

  it('measures this very process the same way it measures a server', () => {
    expect(readCpuMs(process.pid)).toBeGreaterThan(0);
    expect(readPeakRss(process.pid)).toBeGreaterThan(10 * 2 ** 20);
  });
});
