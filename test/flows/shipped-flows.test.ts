import { formatDiagnostic } from '../../src/diagnostics';
import { loadProject } from '../../src/flow/load/load-project';
import { simulateCall } from '../../src/sim/simulate-call';

describe('the shipped flows', () => {
  it('all validate', () => {
    const { project, diagnostics } = loadProject('flows');
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(project!.hotlines.map((h) => h.id)).toEqual(['general', 'commerce', 'international', 'enterprise']);
  });

  it('dial 400-0066-888, hear the Chinese main menu, press 1 and enter the account branch', async () => {
    const call = await simulateCall({ dial: '400-0066-888', at: '2026-11-23T10:00:00+08:00' });
    expect(call.hotline).toBe('general');
    expect(call.lastHeard()).toContain('账号问题请按1，内容违规申诉请按2，电商服务请按3');
    await call.press('1');
    expect(call.path).toContain('account_identity');
    expect(call.lastHeard()).toContain('尾号8000');
  });

  it('dial the commerce line at 03:00 and hear its hours', async () => {
    const call = await simulateCall({ dial: '400-101-5454', at: '2026-11-23T03:00:00+08:00' });
    expect(call.afterHours).toBe(true);
    expect(call.heard()).toContain('每天8:00至24:00');
  });

  it('the shared number answers a caller from abroad in English on the international line', async () => {
    const call = await simulateCall({ dial: '+864000066888', from: '+14155550100', at: '2026-11-23T11:00:00+08:00' });
    expect(call.hotline).toBe('international');
    expect(call.heard()).toMatch(/For English, press 1/);
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
});
