import { Command } from '@nestjs/cqrs';
import { ApiKeyScope } from '@pms-hub/domain';

export interface IssuedApiKey {
  readonly keyId: string;
  /** Shown once, to whoever issued it; the hub keeps only the id. */
  readonly key: string;
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly offices: readonly string[] | null;
}

export class IssueApiKeyCommand extends Command<IssuedApiKey> {
  constructor(
    readonly name: string,
    readonly scopes: readonly ApiKeyScope[],
    readonly offices: readonly string[] | null,
  ) {
    super();
  }
}
