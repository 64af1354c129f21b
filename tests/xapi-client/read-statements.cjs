// Reads the whole statement stream as a provincial warehouse would, with a third-party xAPI client (@xapi/xapi 3.0.3: its
// getStatements, then getMoreStatements while the LRS gives a `more` link), and checks every statement with Learning Locker's
// own statement validator (@learninglocker/xapi-validation 3.0.0, the rules an LRS applies when it stores a statement).
// Used by the integration test XapiClientTests; prints one JSON line.
//   node tests/xapi-client/read-statements.cjs <endpoint, e.g. http://127.0.0.1:5000/xapi/> <key id> <secret> <limit>
'use strict';
const XAPI = require('@xapi/xapi');
const validate = require('@learninglocker/xapi-validation').default;

const [endpoint, key, secret, limit] = process.argv.slice(2);

(async () => {
  // The fetch adapter: Node's own HTTP client, which no proxy variable of the machine redirects.
  const xapi = new XAPI({ endpoint, auth: XAPI.toBasicAuth(key, secret), version: '1.0.3', adapter: 'fetch' });
  const about = (await xapi.getAbout()).data;
  let response = await xapi.getStatements({ limit: Number(limit), ascending: true });
  const ids = [];
  const problems = [];
  let pages = 0;
  for (;;) {
    pages++;
    for (const statement of response.data.statements) {
      ids.push(statement.id);
      for (const warning of validate(statement)) {
        problems.push({ id: statement.id, kind: warning.constructor.name, path: warning.path.join('.'), value: warning.data });
      }
    }
    if (!response.data.more) {
      break;
    }
    response = await xapi.getMoreStatements({ more: response.data.more });
  }
  console.log(JSON.stringify({
    versions: about.version,
    pages,
    ids,
    problems,
    version: response.headers['x-experience-api-version'],
    consistentThrough: response.headers['x-experience-api-consistent-through'] ?? null,
  }));
})().catch((error) => {
  console.error(String(error && error.stack || error));
  process.exit(1);
});
