export * from './dentrix';
