/** The shipped hotlines, the demo callers (data/accounts.demo.yaml) and the times the call scripts use. */
export const GENERAL = '400-0066-888';
export const COMMERCE = '400-101-5454';
/** The general number as dialled from abroad. */
export const INTERNATIONAL = '+86-400-0066-888';
export const ENTERPRISE = '400-810-8800';

/** Standard account, calling from its registered phone. */
export const ZHANG = '+8613800138000';
/** Banned standard account. */
export const LI = '+8613700137000';
/** Enterprise (blue-V) account. */
export const BRAND = '+8613900139000';
/** Standard account registered with a US phone. */
export const ALEX = '+14155550100';
/** A mainland mobile no account is registered to. */
export const STRANGER = '+8615000000000';
/** A UK mobile no account is registered to. */
export const VISITOR = '+447700900123';

/** Monday 2026-11-23, Beijing time. */
export const MORNING = '2026-11-23T10:00:00+08:00';
export const AFTERNOON = '2026-11-23T15:00:00+08:00';
/** Inside the general line's 19:00-22:00 peak. */
export const PEAK = '2026-11-23T20:30:00+08:00';
/** Commerce still open (to 24:00), enterprise closed (from 22:00), international closed (from 19:00). */
export const LATE = '2026-11-23T23:00:00+08:00';
/** Every line but general closed. */
export const NIGHT = '2026-11-24T03:00:00+08:00';
