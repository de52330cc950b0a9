import { CommandBus } from '@nestjs/cqrs';
import { RegisterOfficeCommand } from './register-office.command';
import { OfficeConfig, credentialsOf, profileOf } from '../../office-config';

/**
 * Records the offices file's offices (only what changed since the last start), up to
 * `concurrency` at once: thousands of offices each read their stream, and on the first start
 * store credentials (which the credential store writes in shared file replaces) and append.
 * Offices are independent (one stream each, one credential entry each; an office configured
 * twice is refused), so their order in the store is the order they finish in.
 * The first error fails the start (a wrong master key must stop it): no office is started after
 * it, those already running are let finish, then it is thrown.
 */
export async function registerConfiguredOffices(
  commandBus: CommandBus,
  offices: readonly OfficeConfig[],
  concurrency = 16,
): Promise<void> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`registering offices needs a concurrency of at least 1, got ${concurrency}`);
  }
  // Two registrations of one office at once would race for its stream and credentials.
  const ids = new Set(offices.map(({ officeId }) => officeId));
  if (ids.size !== offices.length) throw new Error('an office is configured twice');
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < offices.length) {
      const office = offices[next++];
      try {
        await commandBus.execute(
          new RegisterOfficeCommand(
            office.officeId,
            profileOf(office),
            credentialsOf(office),
            'config-file',
          ),
        );
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, offices.length) }, worker));
  if (failure) throw failure.error;
}
