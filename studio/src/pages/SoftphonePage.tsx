import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CallScriptAnswer, CallView, LineView, ScriptCheck, SoftphoneLine } from '../../../src/server/studio/softphone-schema';
import { api, ApiError } from '../api';
import { useWords } from '../i18n';
import type { PageProps } from '../pages';
import { CallPosition } from '../softphone/CallPosition';
import { Keypad } from '../softphone/Keypad';
import { speak, stopSpeaking } from '../softphone/speak';

/** The line's zone: the studio's virtual clock is set in Beijing time, as the hotlines' hours are. */
const BEIJING = '+08:00';

/**
 * A softphone on the draft: place a simulated call (the real engine on the server), press keys or
 * say words, hear and read the prompts, get the SMS, see where the call is, save it as a call script.
 */
export function SoftphonePage(_props: PageProps) {
  const { t, lang } = useWords();
  const [lines, setLines] = useState<SoftphoneLine[]>([]);
  const [hotline, setHotline] = useState('general');
  const [from, setFrom] = useState('+8613800138000');
  const [country, setCountry] = useState('CN');
  const [at, setAt] = useState('2026-11-23T10:00');
  const [call, setCall] = useState<CallView | null>(null);
  const [entry, setEntry] = useState('');
  const [said, setSaid] = useState('');
  const [confidence, setConfidence] = useState('');
  const [voice, setVoice] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [script, setScript] = useState<CallScriptAnswer | null>(null);
  const [check, setCheck] = useState<ScriptCheck | null>(null);
  const spoken = useRef(0);
  const log = useRef<HTMLOListElement>(null);

  useEffect(() => {
    api<SoftphoneLine[]>('/softphone/lines').then(setLines, (e: unknown) => setError(String(e instanceof Error ? e.message : e)));
  }, []);

  // Each new prompt is spoken once, in its own language.
  useEffect(() => {
    if (!call) return;
    const fresh = call.lines.slice(spoken.current);
    spoken.current = call.lines.length;
    // The latest line in view, as a phone's call log scrolls.
    if (log.current) log.current.scrollTop = log.current.scrollHeight;
    if (voice) for (const l of fresh) if (l.who === 'ivr' && l.text) speak(l.text, l.lang);
  }, [call, voice]);

  const run = async (path: string, body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      const view = await api<CallView>(path, { method: 'POST', ...(body !== undefined ? { body } : {}) });
      setCall(view);
      if (view.ended) stopSpeaking();
      return view;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const place = async (e: FormEvent) => {
    e.preventDefault();
    stopSpeaking();
    spoken.current = 0;
    setEntry('');
    setScript(null);
    setCheck(null);
    await run('/calls', { hotline, from, ...(country ? { country } : {}), at: `${at}:00${BEIJING}` });
  };

  const send = (keys: string) => {
    setEntry('');
    if (call && keys) void run(`/calls/${call.id}/press`, { keys });
  };

  // A key ends the entry the way the phone network would: at the finish key or the fixed length.
  const pressKey = (key: string) => {
    const w = call?.waiting;
    if (!call || busy || w?.kind !== 'digits') return;
    if (w.finishOnKey && key === w.finishOnKey) return send(entry + key);
    const next = entry + key;
    if ((w.numDigits !== undefined && next.length >= w.numDigits) || (!w.finishOnKey && next.length >= w.maxDigits)) return send(next);
    setEntry(next);
  };
  const pressRef = useRef(pressKey);
  pressRef.current = pressKey;
  const sendRef = useRef(() => send(entry));
  sendRef.current = () => send(entry);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (/^[0-9*#]$/.test(e.key)) pressRef.current(e.key);
      else if (e.key === 'Enter') sendRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const say = async (e: FormEvent) => {
    e.preventDefault();
    if (!call) return;
    const c = confidence === '' ? undefined : Number(confidence);
    if (await run(`/calls/${call.id}/say`, { text: said, ...(c !== undefined ? { confidence: c } : {}) })) setSaid('');
  };

  const save = async () => {
    if (!call) return;
    try {
      const answer = await api<CallScriptAnswer>(`/calls/${call.id}/script`, { method: 'POST', body: {} });
      setScript(answer);
      setCheck(null);
      const url = URL.createObjectURL(new Blob([answer.yaml], { type: 'text/yaml' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = answer.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const checkScript = async () => {
    if (script) setCheck(await api<ScriptCheck>('/call-scripts/check', { method: 'POST', body: { yaml: script.yaml } }));
  };

  const waiting = call?.waiting;
  const live = call !== null && call.ended === null && !call.notInService;
  const sms = call?.lines.filter((l): l is Extract<LineView, { who: 'sms' }> => l.who === 'sms') ?? [];
  return (
    <div className="softphone">
      <section className="sp-phone" aria-label={t('softphone')}>
        <form className="sp-setup" onSubmit={place}>
          <label>
            {t('spLine')}
            <select value={hotline} onChange={(e) => setHotline(e.target.value)} disabled={live}>
              {lines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name[lang] ?? l.id} · {l.numbers[0]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('spFrom')}
            <input value={from} onChange={(e) => setFrom(e.target.value)} disabled={live} inputMode="tel" />
          </label>
          <label>
            {t('spCountry')}
            <input value={country} onChange={(e) => setCountry(e.target.value.toUpperCase())} disabled={live} maxLength={2} size={3} />
          </label>
          <label>
            {t('spAt')}
            <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} disabled={live} />
          </label>
          {live ? (
            <button type="button" className="sp-hangup" onClick={() => void run(`/calls/${call.id}/hangup`)} disabled={busy}>
              {t('spHangUp')}
            </button>
          ) : (
            <button type="submit" className="sp-call" disabled={busy}>
              {t('spPlace')}
            </button>
          )}
        </form>
        <div className="sp-notifications" aria-live="polite">
          {sms.map((m, i) => {
            const code = m.kind === 'otp' ? /\d{6}/.exec(m.body)?.[0] : undefined;
            return (
              <div className="sp-sms" key={i} role="status" data-testid="sp-sms">
                <div className="sp-sms-head">
                  ✉️ {t('spSms')} · {m.from}
                </div>
                <div>{m.body}</div>
                {code && (
                  <div className="sp-code">
                    {t('spCode')}: <strong data-testid="sp-code">{code}</strong>
                  </div>
                )}
              </div>
            );
          })}
        </div>
        <div className="sp-status" data-testid="sp-status">
          {call?.ended ? `${t('spEnded')} (${call.ended.kind === 'transfer' ? `→ ${call.ended.queue}` : call.ended.kind})` : waiting ? `${t('spWaiting')}: ${waiting.kind}${waiting.kind === 'digits' && waiting.speech ? ' + speech' : ''}` : ''}
          {call && <small> · {beijingTime(call.now)}</small>}
        </div>
        <output className="sp-entry" aria-label={t('spEntry')}>
          {waiting?.kind === 'digits' && waiting.sensitive ? '•'.repeat(entry.length) : entry}
        </output>
        <Keypad onKey={pressKey} disabled={!live || busy || waiting?.kind !== 'digits'} />
        <div className="sp-actions">
          <button type="button" onClick={() => send(entry)} disabled={!live || busy || entry === ''}>
            {t('spSend')}
          </button>
          <button type="button" onClick={() => void run(`/calls/${call?.id}/silence`)} disabled={!live || busy || !waiting || waiting.kind === 'dial'}>
            {t('spSilence')}
          </button>
        </div>
        {waiting?.kind === 'dial' && (
          <div className="sp-actions" role="group" aria-label={t('spDialEnds')}>
            {(['completed', 'busy', 'no-answer', 'failed'] as const).map((s) => (
              <button key={s} type="button" disabled={busy} onClick={() => void run(`/calls/${call?.id}/dial`, { status: s })}>
                {waiting.number}: {s}
              </button>
            ))}
          </div>
        )}
        <form className="sp-say" onSubmit={say}>
          <label>
            {t('spSaid')}
            <input value={said} onChange={(e) => setSaid(e.target.value)} disabled={!live || waiting?.kind !== 'digits' || !waiting.speech} />
          </label>
          <label>
            {t('spConfidence')}
            <input type="number" min={0} max={1} step={0.05} value={confidence} onChange={(e) => setConfidence(e.target.value)} size={4} />
          </label>
          <button type="submit" disabled={!live || busy || said.trim() === ''}>
            {t('spSay')}
          </button>
        </form>
        <label className="sp-voice">
          <input type="checkbox" checked={voice} onChange={(e) => setVoice(e.target.checked)} /> {t('spSpeak')}
        </label>
        {error && <p role="alert">{error}</p>}
        <p className="sp-hint">{t('spHint')}</p>
      </section>
      <section className="sp-side">
        {call && <CallPosition position={call.position} />}
        <h2>{t('spTranscript')}</h2>
        <ol ref={log} className="sp-transcript" role="log" aria-label={t('spTranscript')} data-testid="sp-transcript">
          {call?.lines.map((l, i) => (
            <li key={i} className={`sp-line sp-${l.who}`}>
              {lineText(l)}
            </li>
          ))}
        </ol>
        {call && (
          <div className="sp-actions">
            <button type="button" onClick={() => void save()} disabled={busy}>
              {t('spSave')}
            </button>
            {script && (
              <button type="button" onClick={() => void checkScript()}>
                {t('spCheck')}
              </button>
            )}
          </div>
        )}
        {check && (
          <div className={check.ok ? 'sp-check-ok' : 'sp-check-failed'} role="status" data-testid="sp-check">
            {check.ok ? t('spChecked') : t('spCheckFailed')}
            {[...check.problems, ...check.calls.flatMap((c) => c.failures)].map((p, i) => (
              <pre key={i}>{p}</pre>
            ))}
          </div>
        )}
        {script && <pre className="sp-script" data-testid="sp-script">{script.yaml}</pre>}
      </section>
    </div>
  );
}

/** The virtual clock as the line's callers read it. */
function beijingTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

function lineText(l: LineView): string {
  switch (l.who) {
    case 'ivr':
      return l.text !== undefined ? `🔊 [${l.lang}] ${l.text}` : `🎵 [${l.lang}] ${l.audio ?? ''}`;
    case 'sms':
      return `✉️ SMS → ${l.to}: ${l.body}`;
    case 'system':
      return `📞 ${l.text}`;
    default:
      return l.text;
  }
}
