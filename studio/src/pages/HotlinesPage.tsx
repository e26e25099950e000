import type { PageProps } from '../pages';

/** Placeholder until the hotlines page lands: the lines, open now, figures. */
export function HotlinesPage({ me }: PageProps) {
  return <p data-testid="hotlines">{me.name}</p>;
}
