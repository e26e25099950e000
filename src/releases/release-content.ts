import { relative, sep } from 'node:path';
import type { Flow } from '../flow/schema/flow.schema';
import type { Project } from '../flow/load/load-project';
import type { ManifestEntry } from '../stores/releases/release-store';
import type { ReleaseContent } from './release-diff';

/** What a diff needs of a loaded project (a release's or the draft's) and its manifest. */
export function contentOf(project: Project, manifest: readonly ManifestEntry[]): ReleaseContent {
  const flows = new Map<string, { flow: Flow; file: string }>();
  for (const [id, { flow, source }] of project.env.flows) flows.set(id, { flow, file: relative(project.dir, source.file).split(sep).join('/') });
  const catalogue: ReleaseContent['catalogue'] = {};
  for (const [lang, c] of Object.entries(project.env.catalogue) as [keyof ReleaseContent['catalogue'], { entries: Record<string, string> }][]) catalogue[lang] = c.entries;
  return { manifest, flows, catalogue };
}
