export * from './actor';
export * from './define';
export * from './errors';
export * from './headers';
export * from './ids';
export * from './page';
