import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { API_KEYS_STREAM, apiKeysDecider } from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { ApiKeyRegistry } from '../../api-key.registry';
import { ApiKeySigner } from '../../api-key.signer';
import { decideAndAppend, factContext } from '../../../platform/event-store/append-decided';
import { IssueApiKeyCommand, IssuedApiKey } from './issue-api-key.command';

/** Hub-wide facts carry no office. */
export const NO_OFFICE = '';

@CommandHandler(IssueApiKeyCommand)
export class IssueApiKeyHandler implements ICommandHandler<IssueApiKeyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: ApiKeyRegistry,
  ) {}

  async execute({ name, scopes, offices }: IssueApiKeyCommand): Promise<IssuedApiKey> {
    const keyId = ApiKeySigner.newKeyId();
    // A random 128-bit id cannot already exist: if it is refused, something is badly wrong.
    await decideAndAppend(
      this.store,
      API_KEYS_STREAM,
      apiKeysDecider,
      { kind: 'issue', keyId, name, scopes, offices },
      { context: () => factContext(NO_OFFICE) },
    );
    await this.registry.refresh();
    return { keyId, key: this.registry.signer.mint(keyId), name, scopes, offices };
  }
}
