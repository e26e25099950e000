import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, session, type Me } from './api';
import { LangContext, useWords, WORDS, type Lang, type Word } from './i18n';
import { PAGES, type PageId } from './pages';

/** The studio: sign in with a token, then one page at a time from the navigation. */
export function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('ivr-studio-lang') === 'en-US' ? 'en-US' : 'zh-CN'));
  const words = useMemo(() => ({ lang, t: (w: Word) => WORDS[lang][w] }), [lang]);
  const [me, setMe] = useState<Me | null>(null);
  const [page, setPage] = useState<PageId>(() => pageFromHash());

  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('ivr-studio-lang', lang);
  }, [lang]);
  useEffect(() => {
    if (session.token()) api<Me>('/me').then(setMe, () => session.signOut());
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const Page = PAGES.find((p) => p.id === page)?.component ?? PAGES[0].component;
  return (
    <LangContext.Provider value={words}>
      <header className="bar">
        <h1>{words.t('title')}</h1>
        {me && (
          <nav aria-label="pages">
            {PAGES.map((p) => (
              <a key={p.id} href={`#${p.id}`} aria-current={p.id === page ? 'page' : undefined}>
                {words.t(p.title)}
              </a>
            ))}
          </nav>
        )}
        <span className="spacer" />
        <button type="button" onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}>
          {words.t('language')}
        </button>
        {me && (
          <>
            <span className="who" data-testid="who">
              {words.t('signedInAs')} {me.name} ({me.role})
            </span>
            <button
              type="button"
              onClick={() => {
                session.signOut();
                setMe(null);
              }}
            >
              {words.t('signOut')}
            </button>
          </>
        )}
      </header>
      <main>{me ? <Page me={me} /> : <SignIn onSignedIn={setMe} />}</main>
    </LangContext.Provider>
  );
}

function pageFromHash(): PageId {
  const id = window.location.hash.replace(/^#/, '');
  return (PAGES.find((p) => p.id === id)?.id ?? PAGES[0].id) as PageId;
}

function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useWords();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const me = await api<Me>('/me', { token });
      session.signIn(token);
      onSignedIn(me);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('badToken') : String(err));
    }
  };
  return (
    <form className="sign-in" onSubmit={submit}>
      <label htmlFor="token">{t('token')}</label>
      <input id="token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} autoFocus />
      <small>{t('tokenHint')}</small>
      <button type="submit">{t('signIn')}</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
