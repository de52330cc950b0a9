import { Admin, Kafka, logLevel } from 'kafkajs';
import { KafkaConfig } from './kafka.config';

/** Whether the Kafka cluster answers: for readiness probes, without kafkajs in the caller. */
export interface KafkaProbe {
  /** Resolves once a broker described the cluster; rejects with a plain message otherwise. */
  check(timeoutMs: number): Promise<void>;
  /** Drops the connection; checks after this reject. */
  close(): Promise<void>;
}

/**
 * A probe on its own admin client, connected on the first check and kept, dropped after a failed
 * check so that the next one connects afresh. kafkajs does not retry for it (a probe answers now
 * or fails) and does not log: a failure is the check's answer, and probes run every few seconds.
 */
export function createKafkaProbe(config: KafkaConfig): KafkaProbe {
  const brokers = config.brokers.join(',');
  const kafka = new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  let admin: Admin | undefined;
  let connected: Promise<Admin> | undefined;
  // Failed checks drop their client in the background: they answer within their timeout.
  let retiring: Promise<unknown> = Promise.resolve();
  let closed = false;

  const connect = (): Promise<Admin> => {
    connected ??= (async () => {
      const client = kafka.admin({ retry: { retries: 0 } });
      admin = client;
      await client.connect();
      return client;
    })();
    return connected;
  };

  const retire = async (): Promise<void> => {
    const [client, pending] = [admin, connected];
    admin = connected = undefined;
    // A connect still under way would otherwise leave its socket open after the disconnect.
    await pending?.catch(() => undefined);
    await client?.disconnect().catch(() => undefined);
  };

  const describe = async (): Promise<void> => {
    const client = await connect();
    // When none of the brokers it knows takes the request, kafkajs's describeCluster destructures
    // a null answer: a TypeError, not a Kafka error.
    const cluster = await client.describeCluster().catch((error: Error) => {
      throw error instanceof TypeError ? new Error('no broker took the request') : error;
    });
    if (cluster.brokers.length === 0) throw new Error('no broker took the request');
  };

  return {
    async check(timeoutMs) {
      if (closed) throw new Error(`kafka probe for ${brokers} is closed`);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`kafka brokers ${brokers} did not answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        await Promise.race([describe(), timedOut]);
      } catch (error) {
        retiring = Promise.all([retiring, retire()]);
        throw failure(error, brokers);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      closed = true;
      await Promise.all([retiring, retire()]);
    },
  };
}

/** kafkajs's message when it failed (e.g. `Connection error: connect ECONNREFUSED …`). */
function failure(error: unknown, brokers: string): Error {
  if (error instanceof Error && error.message.startsWith('kafka brokers ')) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`kafka brokers ${brokers} did not answer: ${message}`);
}
