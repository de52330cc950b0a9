import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { API_KEYS_STREAM, CommandRejected, apiKeysDecider } from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { ApiKeyRegistry } from '../../api-key.registry';
import { decideAndAppend, factContext } from '../../../platform/event-store/append-decided';
import { NO_OFFICE } from '../issue-api-key/issue-api-key.handler';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: ApiKeyRegistry,
  ) {}

  async execute({ keyId }: RevokeApiKeyCommand): Promise<boolean> {
    let known = true;
    try {
      await decideAndAppend(
        this.store,
        API_KEYS_STREAM,
        apiKeysDecider,
        { kind: 'revoke', keyId },
        { context: () => factContext(NO_OFFICE) },
      );
    } catch (error) {
      if (!(error instanceof CommandRejected && error.reason === 'unknown-key')) throw error;
      known = false;
    }
    // This instance stops accepting the key at once; others within their refresh interval.
    await this.registry.refresh();
    return known;
  }
}
