// A tiny MCP server that behaves like servers written before the 2026-07-28 revision: newline-delimited JSON-RPC on
// stdin/stdout, no dependencies. It answers only initialize, ping, tools/list and tools/call (one tool, 'echo') and
// silently drops every other request, server/discover included: no result, no error. Notifications are ignored.
// A client that waits for an answer to anything else waits for nothing.
'use strict';


const tools = [
  {
    name: 'echo',
    description: 'Returns the message.',
    inputSchema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
  },
];

const { send, reply, serve } = require('./lib/stdio');

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

// End of input is the client going away.
serve(handle, { onParseError: () => {} }); // a line that is not JSON is dropped unanswered
