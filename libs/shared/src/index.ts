export * from './permissions';
export * from './enums';
