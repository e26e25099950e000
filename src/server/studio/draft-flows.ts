import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { readSourceFile, type Diagnostic } from '../../diagnostics';
import { loadCallCentre } from '../../call-centre/load-call-centre';
import type { CallCentre } from '../../call-centre/call-centre';
import type { Catalogue, FlowSource } from '../../flow/compile/flow-source';
import { flowFileNames, HOTLINES_FILE, languageFiles, loadProject, PROMPTS_DIR } from '../../flow/load/load-project';
import { FlowSchema } from '../../flow/schema/flow.schema';
import { CatalogueFileSchema } from '../../flow/schema/prompt.schema';
import { HotlinesFileSchema, type Hotline } from '../../hotlines';

/** A flow file of the draft: parsed (when its YAML and schema allow), and where it is. */
export type DraftFlowFile = { id: string; file: string; source?: FlowSource };

/**
 * The working draft as the studio draws it. `loadProject` gives every diagnostic but no project
 * once one exists, and a broken draft is exactly what a designer needs to see; so the flows, the
 * catalogue and the hotlines are also read one by one, each kept when it parses on its own.
 */
export type Draft = {
  flows: DraftFlowFile[];
  catalogue: Catalogue;
  hotlines: Hotline[];
  centre?: CallCentre;
  diagnostics: Diagnostic[];
};

export function readDraft(dir: string): Draft {
  const { diagnostics } = loadProject(dir);
  const flows: DraftFlowFile[] = flowFileNames(dir)
    .sort()
    .map((f) => {
      const source = readSourceFile(join(dir, f));
      const parsed = source.data === undefined ? undefined : FlowSchema.safeParse(source.data);
      // The file name is the flow's id, as `ivr validate` insists; a mismatch is among the diagnostics.
      return { id: basename(f, extname(f)), file: source.file, ...(parsed?.success ? { source: { flow: parsed.data, source } } : {}) };
    });
  const catalogue: Catalogue = {};
  // Their problems are already among loadProject's diagnostics.
  for (const [lang, { data, source }] of languageFiles(dir, PROMPTS_DIR, CatalogueFileSchema, [])) catalogue[lang] = { entries: data, source };
  const hotlinesPath = join(dir, HOTLINES_FILE);
  const hotlinesData = existsSync(hotlinesPath) ? readSourceFile(hotlinesPath).data : undefined;
  const hotlines = HotlinesFileSchema.safeParse(hotlinesData);
  const { centre } = loadCallCentre(dir);
  return { flows, catalogue, hotlines: hotlines.success ? hotlines.data.hotlines : [], ...(centre ? { centre } : {}), diagnostics };
}
