import express, { ErrorRequestHandler, Express, RequestHandler } from 'express';
import { AddressInfo } from 'node:net';

/** What every simulator is created with; each vendor names its own defaults. */
export interface SimulatorOptions<Credentials, Seed> {
  /** Defaults to the vendor's `DEV_*_CREDENTIALS`. */
  readonly credentials?: Credentials;
  /** Parts given replace the matching parts of the vendor's `DEFAULT_*_SEED`. */
  readonly seed?: Partial<Seed>;
  /** IANA zone of the office's wall clock, in which the API reads and writes times; default UTC. */
  readonly timeZone?: string;
}

export interface ListenOptions {
  /** Defaults to 0: any free port. */
  readonly port?: number;
  /** Defaults to loopback. */
  readonly host?: string;
}

export interface Simulator<State> {
  readonly app: Express;
  readonly state: State;
}

export interface RunningSimulator<State> {
  readonly url: string;
  readonly state: State;
  close(): Promise<void>;
}

/** The vendor's JSON answers to what express itself fails on: a body that is not JSON, a bug. */
export interface ErrorBodies {
  readonly malformed: unknown;
  readonly internal: unknown;
}

/**
 * A simulated vendor server: the handlers mounted at their paths, in order, then the vendor's JSON
 * errors instead of express's HTML page.
 */
export function simulatorApp(
  mounts: readonly (readonly [path: string, ...handlers: RequestHandler[]])[],
  errors: ErrorBodies,
): Express {
  const app = express();
  app.disable('x-powered-by');
  for (const [path, ...handlers] of mounts) app.use(path, ...handlers);
  app.use(jsonErrors(errors));
  return app;
}

function jsonErrors(bodies: ErrorBodies): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const malformed = (error as { type?: string } | undefined)?.type === 'entity.parse.failed';
    res.status(malformed ? 400 : 500).json(malformed ? bodies.malformed : bodies.internal);
  };
}

/** Serves a simulator until `close()`: on loopback and any free port unless told otherwise. */
export async function serveSimulator<State>(
  { app, state }: Simulator<State>,
  options: ListenOptions,
): Promise<RunningSimulator<State>> {
  const host = options.host ?? '127.0.0.1';
  const server = app.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients' keep-alive sockets and requests a `hang` fault holds would keep close() open.
        server.closeAllConnections();
      }),
  };
}
