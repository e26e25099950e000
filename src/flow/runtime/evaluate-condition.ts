import type { Condition } from '../schema/condition.schema';
import type { CallContext } from './turn';
import { isOpen, localClock, inTimeRange } from '../../hotlines';
import type { Hotline } from '../../hotlines';

export type HoursSpec = Pick<Hotline, 'timezone' | 'hours' | 'overrides'>;

/**
 * Decides a `branch` condition from the call's context alone. Hotline hours are embedded in the
 * compiled flow (`hours`), so the answer depends only on the snapshot and the input's time.
 */
export function evaluateCondition(cond: Condition, ctx: CallContext, hours: Readonly<Record<string, HoursSpec>>): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluateCondition(c, ctx, hours));
  if ('any' in cond) return cond.any.some((c) => evaluateCondition(c, ctx, hours));
  if ('not' in cond) return !evaluateCondition(cond.not, ctx, hours);
  if ('var' in cond) {
    const value = ctx.vars[cond.var];
    if (cond.exists !== undefined && (value !== undefined) !== cond.exists) return false;
    if (cond.eq !== undefined && value !== cond.eq) return false;
    if (cond.in !== undefined && (value === undefined || !cond.in.includes(value))) return false;
    if (cond.matches !== undefined && (value === undefined || !new RegExp(cond.matches).test(value))) return false;
    return true;
  }
  if ('caller' in cond) {
    if (cond.caller.known !== undefined && Boolean(ctx.call.from) !== cond.caller.known) return false;
    if (cond.caller.country !== undefined && !cond.caller.country.includes(ctx.call.country ?? 'CN')) return false;
    return true;
  }
  if ('open' in cond) {
    const spec = hours[cond.open];
    return spec !== undefined && isOpen(spec, ctx.now);
  }
  if ('time' in cond) {
    const clock = localClock(ctx.call.timezone, ctx.now);
    if (cond.days && !cond.days.includes(clock.weekday)) return false;
    return inTimeRange(cond.time, clock.hhmm);
  }
  if ('lang' in cond) return ctx.lang === cond.lang;
  if ('verified' in cond) return (ctx.account !== undefined) === cond.verified;
  if ('account' in cond) {
    const account = ctx.account;
    if (!account) return false;
    if (cond.account.tier && account.tier !== cond.account.tier) return false;
    if (cond.account.status && account.status !== cond.account.status) return false;
    return true;
  }
  return false;
}
