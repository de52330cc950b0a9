/** Injection token: the ids of every configured office, in configuration order. */
export const OFFICE_IDS = Symbol('OFFICE_IDS');
