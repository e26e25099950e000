/** A store under test and how to dispose of it (close a connection, drop a schema). */
export type StoreFixture<T> = { store: T; close?: () => Promise<void> | void };

/** Builds a fresh, empty store for each test; the contract suites call it in `beforeEach`. */
export type MakeStore<T, A extends unknown[] = []> = (...args: A) => Promise<StoreFixture<T>> | StoreFixture<T>;

/** Tracks the fixtures a suite made so `afterEach` can close them. */
export function fixtures<T, A extends unknown[]>(make: MakeStore<T, A>) {
  const open: StoreFixture<T>[] = [];
  afterEach(async () => {
    while (open.length > 0) await open.pop()!.close?.();
  });
  return async (...args: A): Promise<T> => {
    const f = await make(...args);
    open.push(f);
    return f.store;
  };
}
