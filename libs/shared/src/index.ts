export * from './permissions';
export * from './enums';
export * from './filters';
export * from './workflows';
export * from './filter-match';
export * from './quotes';
export * from './contracts';
export * from './campaigns';
