import type { SourceFile } from '../../diagnostics';
import type { Flow } from '../schema/flow.schema';
import type { Language } from '../schema/prompt.schema';
import type { Hotline } from '../../hotlines';
import type { Lexicon } from '../../speech/lexicon.schema';

/** A flow file that passed its schema, with the file it came from (for positions in errors). */
export type FlowSource = { flow: Flow; source: SourceFile };

/** One catalogue per language: key → text, and the file it came from. */
export type Catalogue = Partial<Record<Language, { entries: Readonly<Record<string, string>>; source?: SourceFile }>>;

/** Everything a flow may refer to: other flows (subflows), the prompt catalogue, the hotlines, the spoken words. */
export type FlowEnvironment = {
  flows: ReadonlyMap<string, FlowSource>;
  catalogue: Catalogue;
  hotlines: readonly Hotline[];
  /** The words listened for in each language (flows/speech/<language>.yaml). */
  lexicons: Partial<Record<Language, Lexicon>>;
};
