import VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import type { RenderedPrompt } from '../../flow/runtime/turn';
import { LruCache } from '../../platform/lru-cache';
import type { Voices } from './voices';

/** How the SDK opens and closes a whole reply; a lone prompt's markup is what lies between. */
const RESPONSE_OPEN = '<?xml version="1.0" encoding="UTF-8"?><Response>';
const RESPONSE_CLOSE = '</Response>';

/**
 * The SDK's markup for single prompts (`<Say voice=… language=…>text</Say>`, `<Play>url</Play>`),
 * each rendered once by VoiceResponse and then reused: building a verb costs the SDK a whole
 * xmlbuilder document, and most prompts are the same on every call. Prompts with a caller's own
 * text in them (a ticket number, a filled placeholder) differ from call to call, so the cache
 * keeps only the `maxEntries` most recently used and drops the least recently used beyond that.
 * The key holds every input of the markup whole (voice, language, text or audio URL), so two
 * different prompts never share an entry.
 */
export class PromptFragments {
  private readonly byInput: LruCache<string, string>;

  /** `render`: how a prompt missing from the cache is rendered (the SDK, unless a test counts the calls). */
  constructor(
    readonly maxEntries = 2_000,
    private readonly render: (prompt: RenderedPrompt, voices: Voices) => string = renderAlone,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`PromptFragments: maxEntries must be a whole number of at least 1, not ${maxEntries}`);
    this.byInput = new LruCache(maxEntries);
  }

  /** The prompt's markup, exactly as VoiceResponse writes it inside <Response> or <Gather>. */
  markup(prompt: RenderedPrompt, voices: Voices): string {
    const key = 'audio' in prompt ? JSON.stringify(['play', prompt.audio]) : JSON.stringify(['say', voices[prompt.lang].voice, voices[prompt.lang].sayLanguage, prompt.text]);
    return this.byInput.getOrAdd(key, () => this.render(prompt, voices));
  }

  get size(): number {
    return this.byInput.size;
  }
}

/** One prompt rendered by the SDK in a reply of its own, cut out of the <Response> around it. */
export function renderAlone(prompt: RenderedPrompt, voices: Voices): string {
  const response = new VoiceResponse();
  if ('audio' in prompt) response.play(prompt.audio);
  else response.say({ voice: voices[prompt.lang].voice, language: voices[prompt.lang].sayLanguage }, prompt.text);
  const xml = response.toString();
  if (!xml.startsWith(RESPONSE_OPEN) || !xml.endsWith(RESPONSE_CLOSE) || xml.length === RESPONSE_OPEN.length + RESPONSE_CLOSE.length) {
    throw new Error(
      `prompt-fragments: the twilio SDK rendered a lone prompt as ${JSON.stringify(xml.slice(0, 120))}, not as ${RESPONSE_OPEN}…${RESPONSE_CLOSE}; ` +
        'its output format changed, so the cached markup cannot be cut out: update prompt-fragments.ts for this twilio version',
    );
  }
  return xml.slice(RESPONSE_OPEN.length, -RESPONSE_CLOSE.length);
}
