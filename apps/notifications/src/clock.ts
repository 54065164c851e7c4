/** The service's clock; tests replace `now` to inject time. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('CLOCK');
export const systemClock = (): Clock => ({ now: () => new Date() });
