export const CREDENTIAL_STORE = Symbol('CREDENTIAL_STORE');

/** One office's PMS secrets (password, API key, client secret...), by field name. */
export type OfficeCredentials = Readonly<Record<string, string>>;

export interface CredentialStore {
  get(officeId: string): Promise<OfficeCredentials | undefined>;
  put(officeId: string, credentials: OfficeCredentials): Promise<void>;
  /** Drops what this instance cached: another instance has replaced the office's credentials. */
  forget(officeId: string): void;
}
