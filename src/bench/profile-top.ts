/**
 * The hot spots of a V8 CPU profile (`node --cpu-prof`, `ivr bench --profile <setup>`): self time
 * by function and by file, so a profile can be read without opening DevTools.
 *
 *   node --require tsx/cjs src/bench/profile-top.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

export function profileTop(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const short = url.replace(/^.*\/(node_modules\/)/, '$1').replace(/^.*\/src\//, 'src/').replace(/^file:\/\//, '');
    const name = `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
    fn.set(name, (fn.get(name) ?? 0) + us);
    const pkg = short.startsWith('node_modules/') ? short.split('/').slice(0, short.split('/')[1].startsWith('@') ? 3 : 2).join('/') : short || functionName;
    files.set(pkg, (files.get(pkg) ?? 0) + us);
  }
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const short = url.replace(/^.*\/(node_modules\/)/, '$1').replace(/^.*\/src\//, 'src/').replace(/^file:\/\//, '');
    return `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
  };
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(label(at));
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  return `total ${(total / 1e6).toFixed(1)} s sampled\n\nself time by function:\n${list(fn)}\n\nself time by file or package:\n${list(files)}\n\ntotal (inclusive) time by function:\n${list(inclusive)}`;
}

if (require.main === module) process.stdout.write(`${profileTop(process.argv[2], Number(process.argv[3] ?? 25))}\n`);
