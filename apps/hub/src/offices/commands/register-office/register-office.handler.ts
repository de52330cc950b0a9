import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { officeDecider, officeStream } from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { decideAndAppend, factContext } from '../../../platform/event-store/append-decided';
import {
  CREDENTIAL_STORE,
  CredentialStore,
  OfficeCredentials,
} from '../../../platform/secrets/credential-store.port';
import { RegisterOfficeCommand, RegisterOfficeResult } from './register-office.command';

/**
 * Stores new credentials, then records the office's profile at the revision read. Credentials go
 * first: a crash in between leaves them stored with no event, which registering again repairs
 * (though it no longer sees them as replaced); the other order could record an office the hub
 * cannot authenticate to.
 */
@CommandHandler(RegisterOfficeCommand)
export class RegisterOfficeHandler implements ICommandHandler<
  RegisterOfficeCommand,
  RegisterOfficeResult
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CREDENTIAL_STORE) private readonly credentials: CredentialStore,
  ) {}

  async execute({
    officeId,
    profile,
    credentials,
    via,
  }: RegisterOfficeCommand): Promise<RegisterOfficeResult> {
    const stored = await this.credentials.get(officeId);
    const credentialsReplaced = credentials !== undefined && !sameCredentials(credentials, stored);
    if (credentialsReplaced) await this.credentials.put(officeId, credentials);

    const { before, appended, after } = await decideAndAppend(
      this.store,
      officeStream(officeId),
      officeDecider,
      { profile, credentialsReplaced, via },
      { context: () => factContext(officeId) },
    );
    const office = after.state;
    if (!office) throw new Error(`${officeStream(officeId)}: no registration recorded`);
    const outcome =
      appended.length === 0 ? 'unchanged' : before.state === undefined ? 'registered' : 'updated';
    return { outcome, office };
  }
}

function sameCredentials(given: OfficeCredentials, stored: OfficeCredentials | undefined): boolean {
  if (!stored) return false;
  const keys = Object.keys(given);
  return (
    keys.length === Object.keys(stored).length && keys.every((key) => given[key] === stored[key])
  );
}
