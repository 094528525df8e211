// The JSON-RPC line loop the rig's dependency-free test servers share: one message per line on stdin, one per line
// on stdout, and an exit when stdin ends (the client going away). hostile-server.js keeps its own, on purpose.
'use strict';
const readline = require('readline');

const send = (message) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');
const reply = (id, result) => send({ id, result });
const parseError = () => send({ id: null, error: { code: -32700, message: 'Parse error' } });

/** Hands each parsed message to handle; a line that is not JSON goes to onParseError (a JSON-RPC parse error). */
function serve(handle, { onParseError = parseError } = {}) {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return onParseError();
    }
    handle(message);
  });
  lines.on('close', () => process.exit(0));
}

module.exports = { send, reply, serve };
