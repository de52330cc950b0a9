import { processDecider } from './process.decider';
import {
  CANCELLATION_EVENTS,
  CancellationRequest,
  CancellationResult,
} from './cancellation.events';

export const cancellationDecider = processDecider<
  typeof CANCELLATION_EVENTS,
  CancellationRequest,
  CancellationResult
>(CANCELLATION_EVENTS, ({ appointmentId }) => ({ appointmentId }));
