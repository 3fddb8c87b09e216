/** The figures leaders watch (四率 and the rest): pure functions over plain inputs. */
export * from './types';
export * from './rows';
export * from './figures';
export * from './snapshot';
export * from './amend';
export * from './targets';
export * from './format';
