import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { API_KEYS_STREAM, ApiKeyEvent, decideApiKeys } from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { ApiKeyRegistry } from '../../api-key.registry';
import { appendDecided } from '../../../platform/event-store/append-decided';
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
    await appendDecided<ApiKeyEvent>(this.store, API_KEYS_STREAM, NO_OFFICE, (history, context) => {
      const decision = decideApiKeys(history, { kind: 'revoke', keyId }, context);
      known = decision.ok;
      return decision.ok ? decision.events : [];
    });
    // This instance stops accepting the key at once; others within their refresh interval.
    await this.registry.refresh();
    return known;
  }
}
