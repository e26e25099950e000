import { formatDiagnostic } from '../../src/diagnostics';
import { loadProject } from '../../src/flow/load/load-project';
import { loadProjectOrThrow, simulateCall } from '../../src/sim/simulate-call';

/** "10:00-19:00" → "10 a.m. to 7 p.m.", as the English catalogue writes hours out. */
function englishRange(range: string): string {
  const say = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    if (h === 12 && m === 0) return 'noon';
    if (h % 24 === 0 && m === 0) return 'midnight';
    const hour = h % 12 === 0 ? 12 : h % 12;
    return `${hour}${m ? `:${String(m).padStart(2, '0')}` : ''} ${h < 12 || h === 24 ? 'a.m.' : 'p.m.'}`;
  };
  const [from, to] = range.split('-');
  return `${say(from)} to ${say(to)}`;
}

describe('the shipped flows', () => {
  it('all validate', () => {
    const { project, diagnostics } = loadProject('flows');
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    // Lines a designer adds join these without a test edit.
    expect(project!.hotlines.map((h) => h.id)).toEqual(expect.arrayContaining(['general', 'commerce', 'international', 'enterprise']));
  });

  it('dial 400-0066-888, hear the Chinese main menu, press 1 and enter the account branch', async () => {
    const call = await simulateCall({ dial: '400-0066-888', at: '2026-11-23T10:00:00+08:00' });
    expect(call.hotline).toBe('general');
    expect(call.lastHeard()).toContain('账号问题请按1，内容违规申诉请按2，电商服务请按3');
    await call.press('1');
    expect(call.path).toContain('account_identity');
    // The phone tail is read digit by digit, not as "eight thousand".
    expect(call.lastHeard()).toContain('尾号8 0 0 0');
  });

  it('dial the commerce line at 03:00 and hear its hours', async () => {
    const call = await simulateCall({ dial: '400-101-5454', at: '2026-11-23T03:00:00+08:00' });
    expect(call.afterHours).toBe(true);
    expect(call.heard()).toContain('每天8:00至24:00');
  });

  it('the shared number answers a caller from abroad in English on the international line', async () => {
    const call = await simulateCall({ dial: '+864000066888', from: '+14155550100', at: '2026-11-23T11:00:00+08:00' });
    expect(call.hotline).toBe('international');
    expect(call.heard()).toMatch(/For English, say English or press 1/);
  });

  it('the same number from a mainland mobile reaches the general line in Chinese', async () => {
    const call = await simulateCall({ dial: '+864000066888', from: '+8613800138000', at: '2026-11-23T11:00:00+08:00' });
    expect(call.hotline).toBe('general');
    expect(call.snapshot?.context.lang).toBe('zh-CN');
  });

  it('three wrong keys at the general main menu reach a person, never a dead end', async () => {
    const call = await simulateCall({ dial: '400-0066-888', at: '2026-11-23T10:00:00+08:00' });
    await call.press('7');
    await call.press('8');
    expect(call.ended).toBeUndefined();
    await call.press('9');
    expect(call.ended).toMatchObject({ kind: 'transfer', queue: 'general' });
  });

  it('at 21:00 the general line warns of peak waits before the menu', async () => {
    const call = await simulateCall({ dial: '400-0066-888', at: '2026-11-23T21:00:00+08:00' });
    expect(call.path).toContain('peak_check');
    expect(call.heard()).toMatch(/高峰/);
  });

  it('the English after-hours notices write out the hours hotlines.yaml gives (Chinese reads them from {hours:…})', () => {
    const project = loadProjectOrThrow('flows');
    const en = project.env.catalogue['en-US']!.entries;
    for (const [hotline, key] of [['international', 'intl.closed_notice'], ['enterprise', 'enterprise.closed_notice']] as const) {
      const hours = project.hotlines.find((h) => h.id === hotline)!.hours;
      expect(hours).toEqual({ daily: [expect.any(String)] });
      const [range] = (hours as { daily: string[] }).daily;
      expect(en[key]).toContain(`every day from ${englishRange(range)} Beijing time`);
    }
  });

  it('a caller from abroad hears each half of the language choice in its own voice', async () => {
    const call = await simulateCall({ dial: '+864000066888', from: '+14155550100', at: '2026-11-23T11:00:00+08:00' });
    const spoken = call.transcript.flatMap((l) => (l.who === 'ivr' && 'text' in l.prompt ? [l.prompt] : []));
    expect(spoken).toContainEqual({ lang: 'en-US', text: 'For English, say English or press 1.' });
    expect(spoken).toContainEqual({ lang: 'zh-CN', text: '中文服务请说中文或按2。' });
  });

  it('the enterprise line gives English callers a way in: 9 at the start switches the call to English', async () => {
    const call = await simulateCall({ dial: '400-810-8800', from: '+8613900139000', at: '2026-11-23T10:00:00+08:00' });
    expect(call.lastHeard()).toContain('For English, say English or press 9.');
    await call.press('9');
    expect(call.snapshot?.context.lang).toBe('en-US');
    expect(call.lastHeard()).toContain('To protect your enterprise account');
  });
});
