import { DummyAdapter } from './dummy/dummy.adapter';
import { PmsAdapter } from './pms-adapter.port';
import { PMS_OPERATIONS, PmsOperation } from './pms.operations';
import { WrappingPmsAdapter } from './wrapping.adapter';

/** Records every operation it lets through, and may treat one apart. */
class Recording extends WrappingPmsAdapter {
  readonly seen: PmsOperation[] = [];

  protected async around<T>(operation: PmsOperation, call: () => Promise<T>): Promise<T> {
    this.seen.push(operation);
    return call();
  }
}

class ProvidersApart extends Recording {
  override async listProviders() {
    return [
      ...(await super.listProviders()),
      { providerId: 'extra', name: 'Extra', locationIds: [] },
    ];
  }
}

describe('WrappingPmsAdapter (in-process, over the dummy PMS)', () => {
  const inner = () => new DummyAdapter({ pmsType: 'dummy' }, { officeId: 'o1' });

  it('passes arguments and `this` through to the inner adapter, and its answers back', async () => {
    const dummy = inner();
    const wrapped = new Recording(dummy);
    const created = await wrapped.createPatient({
      firstName: 'Ada',
      lastName: 'Lovelace',
      dateOfBirth: '1985-12-10',
    });
    // The dummy keeps its patients on itself: the call ran as a method of the inner adapter.
    expect(await dummy.getPatient(created.patientId)).toEqual(created);
    expect(await wrapped.searchPatients({ lastName: 'Lovelace' })).toContainEqual(created);
    expect(wrapped.pmsType).toBe('dummy');
    expect(wrapped.seen).toEqual(['createPatient', 'searchPatients']);
  });

  it('wraps every operation of the table, and a subclass may override one and call super', async () => {
    const wrapped: PmsAdapter = new ProvidersApart(inner());
    for (const operation of Object.keys(PMS_OPERATIONS) as PmsOperation[]) {
      expect(typeof wrapped[operation]).toBe('function');
    }
    const providers = await wrapped.listProviders();
    expect(providers.at(-1)).toEqual({ providerId: 'extra', name: 'Extra', locationIds: [] });
    expect(providers.length).toBeGreaterThan(1);
    expect((wrapped as ProvidersApart).seen).toEqual(['listProviders']);
  });

  it('closes the inner adapter, and needs none to close', async () => {
    const dummy = Object.assign(inner(), { close: jest.fn(async () => undefined) });
    await new Recording(dummy).close();
    expect(dummy.close).toHaveBeenCalledTimes(1);
    await expect(new Recording(inner()).close()).resolves.toBeUndefined();
  });
});
