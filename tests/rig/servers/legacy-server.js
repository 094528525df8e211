// A tiny MCP server that behaves like servers written before the 2026-07-28 revision: newline-delimited JSON-RPC on
// stdin/stdout, no dependencies. It answers only initialize, ping, tools/list and tools/call (one tool, 'echo') and
// silently drops every other request, server/discover included: no result, no error. Notifications are ignored.
// A client that waits for an answer to anything else waits for nothing.
'use strict';

const readline = require('readline');

const tools = [
  {
    name: 'echo',
    description: 'Returns the message.',
    inputSchema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
  },
];

const send = (message) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');
const reply = (id, result) => send({ id, result });

function callTool(id, params) {
  const name = params && params.name;
  if (name !== 'echo') return send({ id, error: { code: -32602, message: `Unknown tool: ${name}` } });
  const message = String(((params && params.arguments) || {}).message ?? '');
  reply(id, { content: [{ type: 'text', text: `Echo: ${message}` }] });
}

function handle(message) {
  const { id, method, params } = message;
  if (id === undefined || id === null) return; // a notification (or a response): nothing to answer
  switch (method) {
    case 'initialize':
      return reply(id, {
        protocolVersion: (params && params.protocolVersion) || '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: 'legacy-server', version: '1.0.0' },
      });
    case 'ping':
      return reply(id, {});
    case 'tools/list':
      return reply(id, { tools });
    case 'tools/call':
      return callTool(id, params);
    default:
      // Dropped without a word, as some servers do with methods they do not know.
      return;
  }
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  if (!line.trim()) return;
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return;
  }
  handle(message);
});
// End of input is the client going away.
lines.on('close', () => process.exit(0));
