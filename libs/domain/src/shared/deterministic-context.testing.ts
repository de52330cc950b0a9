import { DecisionContext } from './event';

/** A decision context with a fixed clock and counting ids, so decider specs compare whole events. */
export function deterministicContext(overrides: Partial<DecisionContext> = {}): DecisionContext {
  let next = 0;
  return {
    commandId: 'cmd-1',
    correlationId: 'corr-1',
    officeId: 'office-1',
    now: '2026-11-26T10:00:00.000Z',
    newId: () => `evt-${++next}`,
    ...overrides,
  };
}

export const metadataOf = (eventId: string) => ({
  eventId,
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  officeId: 'office-1',
  occurredAt: '2026-11-26T10:00:00.000Z',
  schemaVersion: 1,
});
