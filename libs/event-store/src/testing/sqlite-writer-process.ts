import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Built by `npm run build:fixtures` (jest's globalSetup) from test/fixtures/event-store/sqlite-writer.ts. */
const SQLITE_WRITER_JS = resolve(
  __dirname,
  '../../../../.tmp/fixtures-build/test/fixtures/event-store/sqlite-writer.js',
);

export interface AckedEvent {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly data: unknown;
}

/** The writer fixture as a child process, collecting the appends it acknowledged on stdout. */
export class SqliteWriterProcess {
  readonly acked: AckedEvent[] = [];
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  private stdoutTail = '';
  private stderr = '';
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.onStdout(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolveExit) =>
      child.on('close', (code, signal) => {
        this.exit = { code, signal };
        resolveExit();
      }),
    );
  }

  /** Appends to `streams` streams until killed, or until `appends` appends when given. */
  static start(dbPath: string, streams: number, appends?: number): SqliteWriterProcess {
    if (!existsSync(SQLITE_WRITER_JS)) {
      throw new Error(
        `${SQLITE_WRITER_JS} is missing: run \`npm run build:fixtures\` first ` +
          '(jest globalSetup does it unless PMS_HUB_SKIP_BUILD=1)',
      );
    }
    const args = [SQLITE_WRITER_JS, dbPath, String(streams)];
    if (appends !== undefined) args.push(String(appends));
    return new SqliteWriterProcess(spawn(process.execPath, args, { stdio: 'pipe' }));
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async finished(): Promise<void> {
    await this.exited;
  }

  describe(): string {
    return `writer exit ${JSON.stringify(this.exit)}, stderr:\n${this.stderr}`;
  }

  private onStdout(chunk: string): void {
    // Only complete lines count: a SIGKILL may cut the last one short.
    const lines = (this.stdoutTail + chunk).split('\n');
    this.stdoutTail = lines.pop() ?? '';
    for (const line of lines) {
      const { stream, events } = JSON.parse(line) as {
        stream: string;
        events: { revision: number; id: string; data: unknown }[];
      };
      this.acked.push(...events.map((event) => ({ stream, ...event })));
    }
  }
}
