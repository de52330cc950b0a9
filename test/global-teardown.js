// Stops the Kafka broker global-setup.js started, if it started one (not when KAFKA_BROKERS came
// from outside).
const { existsSync, readFileSync, rmSync } = require('node:fs');

module.exports = async () => {
  const kafka = globalThis.__pmsHubKafka;
  if (!kafka) return;
  delete globalThis.__pmsHubKafka;
  await kafka.stop(kafka);
  // Another run may have started since and written its own broker there.
  if (existsSync(kafka.brokersFile) && readFileSync(kafka.brokersFile, 'utf8') === kafka.brokers) {
    rmSync(kafka.brokersFile);
  }
};
