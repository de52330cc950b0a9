import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_ADMIN_KEY } from './http';

const ROOT = join(__dirname, '..', '..');
export const HUB_MAIN = join(ROOT, 'dist', 'apps', 'hub', 'src', 'main.js');

export interface HubProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a hub as its own process, as `npm start` does (or `command` itself, e.g. npm start), and
 * waits for its banner. Suites use it to kill and restart a hub for real.
 */
export async function startHubProcess(
  env: Record<string, string>,
  command: readonly string[] = [process.execPath, HUB_MAIN],
  cwd = ROOT,
): Promise<HubProcess> {
  if (command[1] === HUB_MAIN && !existsSync(HUB_MAIN)) {
    throw new Error(`${HUB_MAIN} is missing: run \`npm run build\` (jest's globalSetup does)`);
  }
  const child = spawn(command[0], command.slice(1), {
    cwd,
    // Kafka mode only when the suite asks for it: jest's setup exports the test broker's address.
    env: {
      ...process.env,
      KAFKA_BROKERS: '',
      PORT: '0',
      HOST: '127.0.0.1',
      NO_COLOR: '1',
      HUB_ADMIN_API_KEY: TEST_ADMIN_KEY,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no hub banner after 120 s:\n${output}`)),
      120000,
    );
    const onData = () => {
      const match = /pms-hub listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, signal);
        await exited;
      }
    },
  };
}
