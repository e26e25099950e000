import { useWords } from '../i18n';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The phone's twelve keys, as buttons named by their key (the keyboard's digits press them too). */
export function Keypad({ onKey, disabled }: { onKey: (key: string) => void; disabled: boolean }) {
  const { t } = useWords();
  return (
    <div className="sp-keypad" role="group" aria-label={t('spKeypad')}>
      {KEYS.map((k) => (
        <button key={k} type="button" disabled={disabled} onClick={() => onKey(k)}>
          {k}
        </button>
      ))}
    </div>
  );
}
