import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { BoardTicket, Satisfaction, TicketsBoard } from '../../../src/server/studio/studio-board.schema';
import { api, ApiError } from '../api';
import { useWords, type Word } from '../i18n';
import type { PageProps } from '../pages';
import { clockText } from './HotlinesPage';

const STATUSES = ['open', 'in_progress', 'resolved'] as const;
type Status = (typeof STATUSES)[number];
const statusWord = (s: string) => `status_${s}` as Word;
const percent = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);
const REFRESH_MS = 15_000;

/** "12:34" or "-3:05" (overdue), "2 d 3 h" for long promises. */
function timeLeft(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const s = Math.floor(Math.abs(ms) / 1000);
  if (s >= 86_400) return `${sign}${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
  if (s >= 3600) return `${sign}${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The server's time as it goes on in the browser: the board says what time it is on the server
 * (virtual in tests and simulations), and the browser's own clock counts on from there.
 */
function useServerNow(serverNow: number | undefined): number {
  const [offset, setOffset] = useState(0);
  const [, tick] = useState(0);
  useEffect(() => {
    if (serverNow !== undefined) setOffset(serverNow - Date.now());
  }, [serverNow]);
  useEffect(() => {
    const h = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(h);
  }, []);
  return Date.now() + offset;
}

/** Open tickets by category with the time left to their promise, status changes with a note, and satisfaction. */
export function TicketsPage({ me }: PageProps) {
  const { t, lang } = useWords();
  const [board, setBoard] = useState<TicketsBoard | null>(null);
  const [satisfaction, setSatisfaction] = useState<Satisfaction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api<TicketsBoard>('/tickets').then(setBoard, (e: unknown) => setError(String(e)));
    api<Satisfaction>('/satisfaction?days=14').then(setSatisfaction, (e: unknown) => setError(String(e)));
  }, []);
  useEffect(() => {
    load();
    const h = setInterval(load, REFRESH_MS);
    return () => clearInterval(h);
  }, [load]);
  const now = useServerNow(board?.now);
  return (
    <div className="tickets-page">
      {error && <p role="alert">{error}</p>}
      <section aria-labelledby="open-tickets" className="ticket-board">
        <h2 id="open-tickets">{t('openTickets')}</h2>
        {board?.categories.map((c) => (
          <div key={c.id} className="ticket-column" data-testid={`category-${c.id}`}>
            <h3>
              {c.name[lang] ?? c.id} <span className="muted">({c.tickets.length})</span>
            </h3>
            {c.tickets.length === 0 && <p className="muted">{t('noTickets')}</p>}
            {c.tickets.map((ticket) => (
              <TicketCard key={ticket.id} ticket={ticket} now={now} canChange={board.canChange} onChanged={load} />
            ))}
          </div>
        ))}
      </section>
      {satisfaction && <SatisfactionPanel s={satisfaction} masked={me.role === 'viewer'} />}
    </div>
  );
}

function TicketCard({ ticket, now, canChange, onChanged }: { ticket: BoardTicket; now: number; canChange: boolean; onChanged: () => void }) {
  const { t } = useWords();
  const left = ticket.dueAt - now;
  const overdue = left < 0;
  return (
    <article className={overdue ? 'ticket overdue' : 'ticket'} data-testid={`ticket-${ticket.id}`} aria-label={`#${ticket.id}`}>
      <header>
        <strong>#{ticket.id}</strong> <span className="badge">{t(statusWord(ticket.status))}</span> <span className="muted">{ticket.hotline}</span>
      </header>
      <p>{ticket.summary}</p>
      <p className="muted">
        {t('caller')} {ticket.callerPhone}
      </p>
      <p className={overdue ? 'countdown late' : 'countdown'} data-testid={`left-${ticket.id}`}>
        {overdue ? `${t('overdue')} ${timeLeft(-left)}` : `${t('timeLeft')} ${timeLeft(left)}`}
      </p>
      {ticket.notes.length > 0 && (
        <ul className="notes">
          {ticket.notes.map((n, i) => (
            <li key={i}>
              {n.status && <em>{t(statusWord(n.status))}: </em>}
              {n.text}
            </li>
          ))}
        </ul>
      )}
      {canChange && <ChangeForm ticket={ticket} onChanged={onChanged} />}
    </article>
  );
}

function ChangeForm({ ticket, onChanged }: { ticket: BoardTicket; onChanged: () => void }) {
  const { t } = useWords();
  const later = STATUSES.slice(STATUSES.indexOf(ticket.status));
  const [status, setStatus] = useState<Status>(later[Math.min(1, later.length - 1)]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api(`/tickets/${ticket.id}`, { method: 'PATCH', body: { ...(status !== ticket.status ? { status } : {}), ...(note.trim() ? { note } : {}) } });
      setNote('');
      setProblem(null);
      onChanged();
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <form className="ticket-change" onSubmit={submit}>
      <label>
        {t('newStatus')}
        <select value={status} onChange={(e) => setStatus(e.target.value as Status)} aria-label={`${t('newStatus')} #${ticket.id}`}>
          {later.map((s) => (
            <option key={s} value={s}>
              {t(statusWord(s))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} aria-label={`${t('note')} #${ticket.id}`} maxLength={2000} />
      </label>
      <button type="submit">{t('save')}</button>
      {problem && <p role="alert">{problem}</p>}
    </form>
  );
}

function SatisfactionPanel({ s, masked }: { s: Satisfaction; masked: boolean }) {
  const { t, lang } = useWords();
  const most = Math.max(1, ...Object.values(s.distribution));
  return (
    <section aria-labelledby="satisfaction" className="satisfaction">
      <h2 id="satisfaction">
        {t('satisfaction')} <span className="muted">({s.days} d)</span>
      </h2>
      <dl className="line-figures">
        <div>
          <dt>{t('averageRating')}</dt>
          <dd data-testid="average-rating">{s.average === null ? '–' : s.average.toFixed(2)}</dd>
        </div>
        <div>
          <dt>{t('responseRate')}</dt>
          <dd data-testid="response-rate">{percent(s.responseRate)}</dd>
        </div>
        <div>
          <dt>{t('firstContact')}</dt>
          <dd data-testid="first-contact">{percent(s.firstContactRate)}</dd>
        </div>
      </dl>
      <h3>{t('ratings')}</h3>
      <ul className="bars">
        {(['5', '4', '3', '2', '1'] as const).map((r) => (
          <li key={r}>
            <span>{'★'.repeat(Number(r))}</span>
            <span className="meter" style={{ width: `${(s.distribution[r] / most) * 100}%` }} />
            <span>{s.distribution[r]}</span>
          </li>
        ))}
      </ul>
      <h3>{t('trend')}</h3>
      <ol className="trend">
        {s.trend.map((d) => (
          <li key={d.date} title={`${d.date}: ${d.average?.toFixed(2) ?? '–'} (${d.rated})`}>
            <span className="meter" style={{ height: `${((d.average ?? 0) / 5) * 100}%` }} />
            <small>{d.date.slice(5)}</small>
          </li>
        ))}
      </ol>
      <h3>{t('comments')}</h3>
      {masked && <p className="muted">{t('maskedHint')}</p>}
      {s.comments.length === 0 ? (
        <p className="muted">{t('noComments')}</p>
      ) : (
        <ul className="comments">
          {s.comments.map((c, i) => (
            <li key={i}>
              <span className="muted">
                {clockText(c.at, 'Asia/Shanghai', lang, true)} · {c.hotline} · {c.phone} · {c.rating ?? '–'}★
              </span>
              <p>{c.text}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
