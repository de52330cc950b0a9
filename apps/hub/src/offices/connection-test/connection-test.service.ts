import { Injectable } from '@nestjs/common';
import { PmsAdapter, PmsError, PmsType } from '@pms-hub/pms';
import { OfficeDirectory } from '../office-directory';
import { UnknownOfficeError } from '../unknown-office.error';

export type ConnectionTestStepName = 'auth+health' | 'read';

export interface ConnectionTestStep {
  readonly step: ConnectionTestStepName;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly error?: string;
}

export interface ConnectionTestResult {
  readonly officeId: string;
  readonly pmsType: PmsType;
  readonly ok: boolean;
  readonly steps: readonly ConnectionTestStep[];
}

/**
 * Tries an office's PMS connection now, as an operator setting up an office would: sign in and
 * probe health, then one real read. Every step runs even after a failure, so the answer tells a
 * refused sign-in from a PMS that signs in but cannot serve reads.
 */
@Injectable()
export class ConnectionTestService {
  constructor(private readonly offices: OfficeDirectory) {}

  async test(officeId: string): Promise<ConnectionTestResult> {
    const office = this.offices.find(officeId);
    if (!office) throw new UnknownOfficeError(officeId);
    const { adapter } = office;
    const steps = [
      await timedStep('auth+health', () => healthError(adapter)),
      // Goes through the resilience layer, so a cached location list (PMS_REFERENCE_DATA_TTL_MS)
      // answers without a PMS call; the first step always reaches the PMS.
      await timedStep('read', async () => void (await adapter.listLocations())),
    ];
    return { officeId, pmsType: adapter.pmsType, ok: steps.every((s) => s.ok), steps };
  }
}

/** checkHealth never throws for a PMS that is down or refuses the credentials: it says so. */
async function healthError(adapter: PmsAdapter): Promise<string | undefined> {
  const health = await adapter.checkHealth();
  return health.healthy ? undefined : (health.error ?? 'the PMS reported itself unhealthy');
}

async function timedStep(
  step: ConnectionTestStepName,
  run: () => Promise<string | undefined>,
): Promise<ConnectionTestStep> {
  const started = performance.now();
  let error: string | undefined;
  try {
    error = await run();
  } catch (failure) {
    error = messageOf(failure);
  }
  const durationMs = Math.round(performance.now() - started);
  return error === undefined
    ? { step, ok: true, durationMs }
    : { step, ok: false, durationMs, error };
}

// PmsError messages are written free of secrets; another error's message might not be.
function messageOf(failure: unknown): string {
  if (failure instanceof PmsError) return failure.message;
  return `unexpected ${failure instanceof Error ? failure.name : 'failure'}`;
}
