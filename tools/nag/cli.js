'use strict';
// What the gate scripts (nag.js, guard.js) share: usage errors, reading JSON files, and the command-line ending
// (JSON report on stdout; exit 0 clean, 1 findings, 2 usage or IO error with the message on stderr).

const fs = require('fs');

class UsageError extends Error {}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e.message}`);
  }
}

// Runs main(argv) as the script's command line, under the given name for error messages.
function run(name, main) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${name}: ${e instanceof UsageError ? e.message : e.stack}\n`);
    process.exitCode = 2;
  }
}

module.exports = { UsageError, readJson, run };
