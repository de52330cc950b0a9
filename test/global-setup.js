// Child-process suites (SIGKILL, crash/restart) run the compiled build, so build once per run.
// Suites that publish to Kafka get one real broker for the whole run (test/infra/kafka.sh), started
// here while the build runs and stopped by global-teardown.js.
const { execFile, spawn } = require('node:child_process');
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { promisify } = require('node:util');
const { Kafka, logLevel } = require('kafkajs');

const ROOT = join(__dirname, '..');
const KAFKA_SH = join(__dirname, 'infra', 'kafka.sh');
// Read by test/support/kafka.ts in worker processes.
const BROKERS_FILE = join(ROOT, '.tmp', 'kafka-brokers');

module.exports = async () => {
  const [build, kafka] = await Promise.allSettled([buildOnce(), startKafka()]);
  const failure = [build, kafka].find((outcome) => outcome.status === 'rejected');
  if (failure) {
    if (kafka.status === 'fulfilled' && kafka.value) await stopKafka(kafka.value);
    throw failure.reason;
  }
  if (kafka.value) {
    process.env.KAFKA_BROKERS = kafka.value.brokers;
    writeFileSync(BROKERS_FILE, kafka.value.brokers);
    // Jest hands globals set here to globalTeardown.
    globalThis.__pmsHubKafka = { ...kafka.value, brokersFile: BROKERS_FILE, stop: stopKafka };
  }
};

async function buildOnce() {
  if (process.env.PMS_HUB_SKIP_BUILD === '1') return;
  // The production build, then the child-process fixtures, built apart so dist/ holds no test code.
  for (const script of ['build', 'build:fixtures']) await npmRun(script);
}

function npmRun(script) {
  return new Promise((resolve, reject) => {
    const build = spawn('npm', ['run', script], { cwd: ROOT, stdio: 'inherit' });
    build.once('error', reject);
    build.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run ${script} failed (exit ${code})`)),
    );
  });
}

/** Resolves with the broker it started, or undefined when the run brings or skips its own. */
async function startKafka() {
  if (process.env.KAFKA_BROKERS) return undefined;
  if (process.env.PMS_HUB_NO_KAFKA === '1') {
    console.warn('\nPMS_HUB_NO_KAFKA=1: no Kafka broker, suites that need one will fail.');
    return undefined;
  }
  const workdir = join(ROOT, '.tmp', `kafka-${process.pid}`);
  rmSync(workdir, { recursive: true, force: true });
  mkdirSync(workdir, { recursive: true });
  try {
    const { stdout } = await promisify(execFile)('bash', [KAFKA_SH, 'start', workdir], {
      // The script's watchdog stops the broker if this run dies without its teardown.
      env: { ...process.env, PMS_HUB_KAFKA_OWNER_PID: String(process.pid) },
    });
    const broker = { workdir, brokers: stdout.trim().split('\n').pop() };
    await warmUp(broker.brokers).catch(async (error) => {
      await stopKafka(broker);
      throw error;
    });
    return broker;
  } catch (error) {
    throw new Error(
      `Could not start the Kafka broker for the tests (${KAFKA_SH} start ${workdir}); ` +
        `set KAFKA_BROKERS to use another one.\n${error.stderr || error.message}`,
    );
  }
}

// A new broker creates its consumer offsets topic and its first producer id block on first use,
// answering "coordinator not available / loading" meanwhile, which kafkajs clients log as errors.
// Taking that hit here keeps it out of the suites' output and timings.
async function warmUp(brokers) {
  const kafka = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true });
  await Promise.all([admin.connect(), producer.connect()]);
  try {
    await admin.describeGroups(['pms-hub-warm-up']);
  } finally {
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  }
}

async function stopKafka({ workdir }) {
  await promisify(execFile)('bash', [KAFKA_SH, 'stop', workdir]);
  rmSync(workdir, { recursive: true, force: true });
}
