// A tiny MCP server for the timeout tests: newline-delimited JSON-RPC on stdin/stdout, no dependencies.
// Tool 'hang' never answers; tool 'echo' answers at once. On stderr it logs one line per hang call
// ("hang <requestId>") and one per cancellation it receives ("cancelled <requestId> <reason>"),
// so a test can see that a timed-out call was cancelled on the server and not merely abandoned.
'use strict';


const tools = [
  {
    name: 'hang',
    description: 'Never answers, until the call is cancelled.',
    inputSchema: { type: 'object', properties: {} },
  },
  {
    name: 'echo',
    description: 'Returns the message.',
    inputSchema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
  },
];

// Hanging calls by request id, kept only to be dropped when cancelled.
const pending = new Map();

const { send, reply, serve } = require('./lib/stdio');
const fail = (id, code, message) => send({ id, error: { code, message } });

function callTool(id, params) {
  const name = params && params.name;
  if (name === 'hang') {
    pending.set(id, Date.now());
    process.stderr.write(`hang ${id}\n`);
    return;
  }
  if (name === 'echo') {
    const message = String((params.arguments || {}).message ?? '');
    reply(id, { content: [{ type: 'text', text: `Echo: ${message}` }] });
    return;
  }
  fail(id, -32602, `Unknown tool: ${name}`);
}

function handle(message) {
  const { id, method, params } = message;
  switch (method) {
    case 'initialize':
      return reply(id, {
        protocolVersion: params && params.protocolVersion,
        capabilities: { tools: {} },
        serverInfo: { name: 'hang-server', version: '1.0.0' },
      });
    case 'notifications/initialized':
      return;
    case 'ping':
      return reply(id, {});
    case 'tools/list':
      return reply(id, { tools });
    case 'tools/call':
      return callTool(id, params);
    case 'notifications/cancelled': {
      const requestId = params && params.requestId;
      pending.delete(requestId);
      process.stderr.write(`cancelled ${requestId} ${(params && params.reason) || '(no reason)'}\n`);
      return;
    }
    default:
      // Requests get an error; unknown notifications are ignored, as JSON-RPC asks.
      if (id !== undefined) fail(id, -32601, `Method not found: ${method}`);
  }
}

// End of input is the client going away: leave, hanging calls and all.
serve(handle);
