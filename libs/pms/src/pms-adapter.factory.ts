import { CareStackAdapter } from './carestack/carestack.adapter';
import { DentrixAdapter } from './dentrix/dentrix.adapter';
import { EaglesoftAdapter } from './eaglesoft/eaglesoft.adapter';
import { DummyAdapter } from './dummy/dummy.adapter';
import { PmsAdapter, PmsAdapterContext, PmsConnection } from './pms-adapter.port';

export function createPmsAdapter(
  connection: PmsConnection,
  context: PmsAdapterContext,
): PmsAdapter {
  switch (connection.pmsType) {
    case 'dentrix':
      return new DentrixAdapter(connection, context);
    case 'dummy':
      return new DummyAdapter(connection, context);
    case 'eaglesoft':
      return new EaglesoftAdapter(connection, context);
    case 'carestack':
      return new CareStackAdapter(connection, context);
    default: {
      // Compile-time exhaustiveness; at run time a config file may still name an unknown type.
      const unsupported: never = connection;
      throw new Error(`unsupported PMS type: ${(unsupported as PmsConnection).pmsType}`);
    }
  }
}
