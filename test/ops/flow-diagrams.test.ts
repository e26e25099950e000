import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { flowDiagram } from '../../src/diagrams/diagram';
import { toDot } from '../../src/diagrams/dot';
import { flowPage, flowPageName, GENERATED_MARK } from '../../src/diagrams/flow-page';
import { toMermaid } from '../../src/diagrams/mermaid';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { FLOWS_UNDER_TEST } from '../helpers/flows-under-test';

const shipped = loadProjectOrThrow(FLOWS_UNDER_TEST);
/** Where the pages are: docs/flows, or FLOW_DOCS_DIR beside a FLOWS_DIR copy. */
const DOCS = process.env.FLOW_DOCS_DIR ?? 'docs/flows';
const fixtures = loadProjectOrThrow('test/fixtures/flows/good');

describe('docs/flows: a diagram page for every shipped flow', () => {
  it.each([...shipped.env.flows.keys()])('docs/flows/%s.md is drawn from the current flow (run `npx ivr diagram --write docs/flows` if not)', (flowId) => {
    expect(readFileSync(`${DOCS}/${flowPageName(flowId)}`, 'utf8')).toBe(flowPage(shipped, flowId));
  });

  it('has no page of a flow that no longer exists', () => {
    const generated = readdirSync(DOCS).filter((f) => readFileSync(`${DOCS}/${f}`, 'utf8').startsWith(GENERATED_MARK));
    expect(generated.sort()).toEqual([...shipped.env.flows.keys()].map(flowPageName).sort());
  });
});

describe('a flow diagram', () => {
  const general = toMermaid(flowDiagram('general', shipped.env.flows, shipped.centre));

  it('draws the general line: menu keys on arrows, the person key dotted, persons, tickets, and subflows as boxes linked to their pages', () => {
    expect(general.startsWith('flowchart TD\n  start((" ")) --> n_welcome\n')).toBe(true);
    expect(general).toContain('  n_main_menu{"<b>main_menu</b><br/>menu · 3 tries"}');
    expect(general).toContain('  n_main_menu -->|"1"| n_account_identity');
    expect(general).toContain('  n_main_menu -.->|"key 0"| n_agent');
    expect(general).toContain('  n_main_menu -.->|"×3 failed"| n_agent');
    expect(general).toContain('  n_peak_check -->|"time 19:00-22:00"| n_peak_notice');
    expect(general).toContain('  n_urgent_agent(["<b>urgent_agent</b><br/>person: queue urgent · urgent"])');
    expect(general).toContain('  n_callback_ticket[/"<b>callback_ticket</b><br/>ticket callback · normal · reply within 4 h"/]');
    expect(general).toContain('  n_account_identity[["<b>account_identity</b><br/>subflow identity_check"]]');
    expect(general).toContain('  n_account_identity -->|"verified"| n_account_help');
    expect(general).toContain('  click n_account_identity "identity_check.md" "open flow identity_check"');
  });

  it('draws every node of the demo flow, its tries and its voicemail, in Mermaid and in Graphviz', () => {
    const mermaid = toMermaid(flowDiagram('demo', fixtures.env.flows, fixtures.centre));
    const dot = toDot(flowDiagram('demo', fixtures.env.flows, fixtures.centre));
    for (const node of Object.keys(fixtures.env.flows.get('demo')!.flow.nodes)) {
      expect(mermaid).toContain(`n_${node.replace(/-/g, '_')}`);
      expect(dot).toContain(`"${node}" [label="${node}\\n`);
    }
    expect(mermaid).toMatch(/<br\/>menu · 3 tries"\}/);
    expect(mermaid).toMatch(/\[\("<b>\w+<\/b><br\/>voicemail ≤ \d+ s"\)\]/);
    expect(dot.startsWith('digraph "demo" {\n')).toBe(true);
    expect(dot).toMatch(/shape=cylinder/);
    expect(dot.trimEnd().endsWith('}')).toBe(true);
  });

  it('npx ivr diagram prints Mermaid by default and DOT on request', () => {
    const ivr = (...args: string[]) => spawnSync(process.execPath, ['src/cli/bin.js', 'diagram', ...args], { encoding: 'utf8' });
    const mermaid = ivr('flows/general.yaml');
    expect(mermaid.status).toBe(0);
    expect(mermaid.stdout).toBe(general);
    const dot = ivr('flows/identity_check.yaml', '--format', 'dot');
    expect(dot.stdout).toBe(toDot(flowDiagram('identity_check', shipped.env.flows, shipped.centre)));
    const wrong = ivr('flows/general.yaml', '--format', 'svg');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toBe('ivr diagram: --format must be mermaid or dot (got "svg")\n');
  });
});
