// Child-process suites (SIGKILL, crash/restart) run the compiled build, so build once per run.
const { execSync } = require('node:child_process');

module.exports = async () => {
  if (process.env.PMS_HUB_SKIP_BUILD === '1') return;
  execSync('npm run build', { cwd: __dirname + '/..', stdio: 'inherit' });
};
