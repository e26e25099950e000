import type { Flow } from '../../src/flow/schema/flow.schema';
import { formatReleaseDiff } from '../../src/releases/format-release-diff';
import { diffReleases, isEmptyDiff, type ReleaseContent } from '../../src/releases/release-diff';

const flow = (nodes: Record<string, unknown>, extra: Partial<Flow> = {}): Flow => ({ id: 'general', languages: ['zh-CN', 'en-US'], start: 'welcome', input: ['dtmf'], globals: { repeatKey: '*' }, nodes, ...extra }) as Flow;
const content = (flows: Record<string, Flow>, catalogue: ReleaseContent['catalogue'] = {}, files: Record<string, string> = {}): ReleaseContent => ({
  manifest: Object.entries({ ...Object.fromEntries(Object.keys(flows).map((id) => [`${id}.yaml`, JSON.stringify(flows[id])])), ...files }).map(([path, sha256]) => ({ path, sha256 })),
  flows: new Map(Object.entries(flows).map(([id, f]) => [id, { flow: f, file: `${id}.yaml` }])),
  catalogue,
});

const MENU = { type: 'menu', prompt: 'general.main_menu', options: { '1': 'account', '2': 'appeal' } };
const WELCOME = { type: 'say', prompt: { 'zh-CN': '您好', 'en-US': 'Hello' }, next: 'menu' };

describe('the summary of what changed between two releases, in flow terms', () => {
  it('says nothing changed between the same files', () => {
    const a = content({ general: flow({ welcome: WELCOME, menu: MENU }) });
    expect(isEmptyDiff(diffReleases(a, a))).toBe(true);
    expect(formatReleaseDiff(diffReleases(a, a))).toBe('  no changes\n');
  });

  it('names nodes added and removed, a node whose type changed, and menu options added and removed', () => {
    const a = content({ general: flow({ welcome: WELCOME, menu: MENU, old: { type: 'hangup' } }) });
    const b = content({
      general: flow({ welcome: { ...WELCOME, type: 'say' }, menu: { ...MENU, options: { '1': 'account', '3': 'commerce' } }, old: { type: 'say', prompt: 'goodbye', next: 'menu' }, holiday: { type: 'say', prompt: 'holiday', next: 'menu' } }),
    });
    const d = diffReleases(a, b);
    expect(d.flows).toEqual([
      {
        id: 'general',
        change: 'changed',
        settings: [],
        nodes: [
          { kind: 'added', node: 'holiday', type: 'say' },
          { kind: 'option-added', node: 'menu', key: '3' },
          { kind: 'option-removed', node: 'menu', key: '2' },
          { kind: 'type', node: 'old', from: 'hangup', to: 'say' },
        ],
      },
    ]);
    expect(formatReleaseDiff(d)).toBe(
      ['  flow general:', '    + node holiday (say)', '    ~ node menu: option 3 added', '    ~ node menu: option 2 removed', '    ~ node old: hangup → say', ''].join('\n'),
    );
  });

  it('tells an inline prompt reworded in one language from a node that goes elsewhere', () => {
    const a = content({ general: flow({ welcome: WELCOME, menu: MENU }) });
    const b = content({ general: flow({ welcome: { ...WELCOME, prompt: { 'zh-CN': '您好，节日快乐', 'en-US': 'Hello' }, next: 'bye' }, menu: MENU }) });
    expect(diffReleases(a, b).flows).toEqual([
      {
        id: 'general',
        change: 'changed',
        settings: [],
        nodes: [
          { kind: 'text', node: 'welcome', at: 'prompt', lang: 'zh-CN' },
          { kind: 'fields', node: 'welcome', fields: ['next'] },
        ],
      },
    ]);
  });

  it('lists catalogue keys added, removed and changed per language', () => {
    const f = { general: flow({ welcome: WELCOME, menu: MENU }) };
    const a = content(f, { 'zh-CN': { 'general.main_menu': '请按1', goodbye: '再见' }, 'en-US': { goodbye: 'Bye' } });
    const b = content(f, { 'zh-CN': { 'general.main_menu': '请按1或3', holiday: '节日快乐' }, 'en-US': { goodbye: 'Bye' } });
    const d = diffReleases(a, b);
    expect(d.catalogue).toEqual([{ lang: 'zh-CN', added: ['holiday'], removed: ['goodbye'], changed: ['general.main_menu'] }]);
    expect(formatReleaseDiff(d)).toBe('  prompts zh-CN: +holiday -goodbye ~general.main_menu\n');
  });

  it('reports flows added and removed, a flow file changed only in its comments, and other files by path', () => {
    const general = flow({ welcome: WELCOME, menu: MENU });
    const a = content({ general, old_line: flow({ bye: { type: 'hangup' } }, { id: 'old_line' }) }, {}, { 'hotlines.yaml': 'h1', 'queues.yaml': 'q1' });
    const b = content({ general, new_line: flow({ bye: { type: 'hangup' }, hi: WELCOME }, { id: 'new_line' }) }, {}, { 'hotlines.yaml': 'h2', 'queues.yaml': 'q1', 'speech/zh-CN.yaml': 's1' });
    const layout = { ...b, manifest: b.manifest.map((e) => (e.path === 'general.yaml' ? { ...e, sha256: 'with a new comment' } : e)) };
    const d = diffReleases(a, layout);
    expect(d.flows).toEqual([
      { id: 'general', change: 'layout' },
      { id: 'new_line', change: 'added', nodes: 2 },
      { id: 'old_line', change: 'removed', nodes: 1 },
    ]);
    expect(d.files).toEqual([
      { path: 'hotlines.yaml', change: 'changed' },
      { path: 'speech/zh-CN.yaml', change: 'added' },
    ]);
  });
});
