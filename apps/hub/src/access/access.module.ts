import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { IssueApiKeyController } from './commands/issue-api-key/issue-api-key.controller';
import { IssueApiKeyHandler } from './commands/issue-api-key/issue-api-key.handler';
import { RevokeApiKeyController } from './commands/revoke-api-key/revoke-api-key.controller';
import { RevokeApiKeyHandler } from './commands/revoke-api-key/revoke-api-key.handler';

/** API keys: the guard in front of every route, and issuing, listing and revoking keys. */
@Module({
  controllers: [ApiKeysController, IssueApiKeyController, RevokeApiKeyController],
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    IssueApiKeyHandler,
    RevokeApiKeyHandler,
  ],
})
export class AccessModule {}
