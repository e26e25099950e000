import type { Condition } from '../flow/schema/condition.schema';

/** A branch condition in a few words, for the arrow it labels: `time 19:00-22:00`, `open commerce`. */
export function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.map(describeCondition).join(' and ');
  if ('any' in c) return c.any.map(describeCondition).join(' or ');
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  if ('open' in c) return `${c.open} open`;
  if ('time' in c) return `time ${c.time}${c.days ? ` ${c.days.join(',')}` : ''}`;
  if ('lang' in c) return `language ${c.lang}`;
  if ('verified' in c) return c.verified ? 'verified' : 'not verified';
  if ('account' in c) return `account ${[c.account.tier, c.account.status].filter(Boolean).join(' ')}`;
  if ('caller' in c) {
    const parts = [...(c.caller.country ? [`from ${c.caller.country.join('/')}`] : []), ...(c.caller.known !== undefined ? [c.caller.known ? 'known caller' : 'unknown caller'] : [])];
    return `caller ${parts.join(', ')}`;
  }
  if (c.eq !== undefined) return `${c.var} = ${c.eq}`;
  if (c.in !== undefined) return `${c.var} in ${c.in.join('/')}`;
  if (c.matches !== undefined) return `${c.var} ~ ${c.matches}`;
  return c.exists === false ? `no ${c.var}` : `${c.var} set`;
}
