import { CircuitChange } from '@pms-hub/domain';

type Sink = (officeId: string, change: CircuitChange) => Promise<void>;

/**
 * Adapters exist before the Nest app that records their circuit changes: changes wait here until
 * the recorder is attached, then go to it one at a time, in the order they happened.
 */
export class CircuitChangeRelay {
  private sink?: Sink;
  private readonly waiting: [string, CircuitChange][] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (error: Error) => void) {}

  notify(officeId: string, change: CircuitChange): void {
    const sink = this.sink;
    if (!sink) {
      this.waiting.push([officeId, change]);
      return;
    }
    this.chain = this.chain.then(() => sink(officeId, change)).catch(this.onError);
  }

  attach(sink: Sink): void {
    this.sink = sink;
    for (const [officeId, change] of this.waiting.splice(0)) this.notify(officeId, change);
  }

  /** Resolves once every change notified so far is recorded (or reported as failed). */
  settled(): Promise<void> {
    return this.chain;
  }
}
