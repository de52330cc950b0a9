import { PmsAdapter, PmsType } from './pms-adapter.port';
import { PMS_OPERATIONS, PmsOperation } from './pms.operations';

type Method = (...args: unknown[]) => Promise<unknown>;

abstract class Wrapping {
  readonly pmsType: PmsType;

  constructor(protected readonly inner: PmsAdapter) {
    this.pmsType = inner.pmsType;
  }

  // On the prototype, like written methods, so a subclass's override shadows them.
  static {
    for (const operation of Object.keys(PMS_OPERATIONS) as PmsOperation[]) {
      Object.defineProperty(this.prototype, operation, {
        configurable: true,
        writable: true,
        value(this: Wrapping, ...args: unknown[]) {
          const call = this.inner[operation] as Method;
          return this.around(operation, () => call.apply(this.inner, args));
        },
      });
    }
  }

  /** Runs one call of `operation` on the inner adapter, its arguments already bound in `call`. */
  protected abstract around<T>(operation: PmsOperation, call: () => Promise<T>): Promise<T>;

  async close(): Promise<void> {
    await this.inner.close?.();
  }
}

/**
 * Base of a PmsAdapter that wraps another: every operation in PMS_OPERATIONS passes through
 * `around`, so a wrapper cannot miss one; a subclass overrides only the operations it treats
 * apart, and may call `super` for them. The cast types the methods the static block makes.
 */
export const WrappingPmsAdapter = Wrapping as abstract new (
  inner: PmsAdapter,
) => Wrapping & PmsAdapter;
