import { DentrixAdapter } from './dentrix/dentrix.adapter';
import { PmsAdapter, PmsAdapterContext, PmsConnection } from './pms-adapter.port';

export function createPmsAdapter(
  connection: PmsConnection,
  context: PmsAdapterContext,
): PmsAdapter {
  switch (connection.pmsType) {
    case 'dentrix':
      return new DentrixAdapter(connection, context);
    default: {
      const unsupported: never = connection.pmsType;
      throw new Error(`unsupported PMS type: ${String(unsupported)}`);
    }
  }
}
