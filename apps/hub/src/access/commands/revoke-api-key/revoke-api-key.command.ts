import { Command } from '@nestjs/cqrs';

/** Resolves false when no key has this id. */
export class RevokeApiKeyCommand extends Command<boolean> {
  constructor(readonly keyId: string) {
    super();
  }
}
