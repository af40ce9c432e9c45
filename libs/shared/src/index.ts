export * from './permissions';
export * from './enums';
export * from './filters';
