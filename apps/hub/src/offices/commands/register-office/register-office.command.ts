import { Command } from '@nestjs/cqrs';
import { OfficeConfigSource, OfficeProfile, OfficeState } from '@pms-hub/domain';
import { OfficeCredentials } from '../../../platform/secrets/credential-store.port';

export interface RegisterOfficeResult {
  readonly outcome: 'registered' | 'updated' | 'unchanged';
  readonly office: OfficeState;
}

export class RegisterOfficeCommand extends Command<RegisterOfficeResult> {
  constructor(
    readonly officeId: string,
    readonly profile: OfficeProfile,
    /** undefined: keep the stored credentials. */
    readonly credentials: OfficeCredentials | undefined,
    readonly via: OfficeConfigSource,
  ) {
    super();
  }
}
