import { useEffect, useState } from 'react';
import type { HotlineCard, HotlinesBoard } from '../../../src/server/studio/studio-board.schema';
import { followEvents } from '../event-stream';
import { useWords, type Lang, type Word } from '../i18n';
import type { PageProps } from '../pages';

const BEIJING = 'Asia/Shanghai';
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A time in a zone, e.g. "周一 08:00" / "Mon 08:00"; with the date when it is not within a day. */
export function clockText(ms: number, zone: string, lang: Lang, withDate = false): string {
  return new Intl.DateTimeFormat(lang, { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(withDate ? { month: 'numeric', day: 'numeric' } : {}) }).format(ms);
}

const percent = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);
const seconds = (s: number | null) => (s === null ? '–' : `${Math.round(s)} s`);

/** Each line: open now and when that changes, live calls and queues, today's figures; updated by the server as they change. */
export function HotlinesPage(_props: PageProps) {
  const { t, lang } = useWords();
  const [board, setBoard] = useState<HotlinesBoard | null>(null);
  const [live, setLive] = useState(false);
  useEffect(
    () =>
      followEvents('/hotlines/stream', (event, data) => {
        if (event === 'board') {
          setBoard(data as HotlinesBoard);
          setLive(true);
        } else if (event === 'problem') setLive(false);
      }),
    [],
  );
  if (!board) return <p aria-busy="true">…</p>;
  const zone = browserZone();
  return (
    <section className="lines" aria-label={t('hotlines')}>
      <p className="lines-clock">
        {t('beijingTime')} <strong data-testid="beijing-now">{clockText(board.now, BEIJING, lang, true)}</strong>
        {zone !== BEIJING && (
          <>
            {' · '}
            {t('yourTime')} ({zone}) <strong>{clockText(board.now, zone, lang, true)}</strong>
          </>
        )}
        <span className={live ? 'lines-live on' : 'lines-live'} role="status">
          {live ? t('live') : t('offline')}
        </span>
      </p>
      <div className="lines-grid">
        {board.hotlines.map((h) => (
          <LineCard key={h.id} line={h} lang={lang} t={t} zone={zone} />
        ))}
      </div>
    </section>
  );
}

function LineCard({ line, lang, t, zone }: { line: HotlineCard; lang: Lang; t: (w: Word) => string; zone: string }) {
  const figures: Array<[Word, string, string]> = [
    ['callsToday', 'calls', String(line.today.calls)],
    ['selfService', 'self-service', percent(line.today.selfServiceRate)],
    ['transfers', 'transfers', percent(line.today.transferRate)],
    ['abandonment', 'abandonment', percent(line.today.abandonmentRate)],
    ['averageWait', 'wait', seconds(line.today.averageWaitSec)],
    ['emergencies', 'emergencies', String(line.today.emergencies)],
    ['slaBreaches', 'breaches', String(line.today.slaBreaches)],
  ];
  const change = line.nextChange;
  return (
    <article className="line" aria-labelledby={`line-${line.id}`} data-testid={`line-${line.id}`}>
      <header>
        <h2 id={`line-${line.id}`}>{line.name[lang] ?? line.id}</h2>
        <span className={line.open ? 'badge open' : 'badge closed'} data-testid={`open-${line.id}`}>
          {line.open ? t('openNow') : t('closedNow')}
        </span>
      </header>
      <p className="line-change">
        {change ? (
          <>
            {change.opens ? t('opensAt') : t('closesAt')}: {clockText(change.at, BEIJING, lang, true)} ({t('beijingTime')})
            {zone !== BEIJING && <> · {clockText(change.at, zone, lang, true)} ({t('yourTime')})</>}
          </>
        ) : (
          t('noChange')
        )}
      </p>
      <dl className="line-facts">
        <dt>{t('numbers')}</dt>
        <dd>{line.numbers.join(', ')}</dd>
        <dt>{t('languages')}</dt>
        <dd>{line.languages.join(', ')}</dd>
        <dt>{t('hours')}</dt>
        <dd>{line.hoursText[lang]}</dd>
        {line.overrides.length > 0 && (
          <>
            <dt>{t('overrides')}</dt>
            <dd>
              {line.overrides.map((o) => (
                <span key={o.date} className="override">
                  {o.date} {o.closed ? t('closedDay') : o.hours.join(', ')}
                  {o.reason ? ` (${o.reason})` : ''}
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      <div className="line-live">
        <span>
          {t('inProgress')} <strong data-testid={`in-progress-${line.id}`}>{line.live.inProgress}</strong>
        </span>
        {line.live.queues.length === 0 ? (
          <span className="muted">{t('noQueue')}</span>
        ) : (
          line.live.queues.map((q) => (
            <span key={q.queue}>
              {q.queue}: {t('waiting')} <strong>{q.waiting}</strong> · {t('withAgent')} <strong>{q.withAgent}</strong>
            </span>
          ))
        )}
      </div>
      <h3>{t('today')}</h3>
      <dl className="line-figures">
        {figures.map(([word, id, value]) => (
          <div key={id}>
            <dt>{t(word)}</dt>
            <dd data-testid={`${id}-${line.id}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
