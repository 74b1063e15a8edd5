export * from './document';
export * from './names';
export * from './profile';
export * from './sql-block';
export * from './table-view';
