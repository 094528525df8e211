// A tiny MCP server for the tracing tests: newline-delimited JSON-RPC on stdin/stdout, no dependencies.
// Tool 'meta' answers with the request's params._meta as JSON (what the client sent along: traceparent…);
// tool 'environment' with the TRACEPARENT and TRACESTATE the process started with; tool 'fail' with a tool
// error (isError) that quotes its input, as careless servers do; tool 'echo' with its message; tool 'hang'
// never answers; tool 'broken' fails inside the server, answering a JSON-RPC error (-32603) as some servers do. Every tools/call is logged to stderr ("tools/call <name>"), so a test can tell what reached it.
'use strict';


const tools = [
  { name: 'meta', description: "Returns the request's _meta.", inputSchema: { type: 'object', properties: {} } },
  { name: 'environment', description: 'Returns TRACEPARENT and TRACESTATE.', inputSchema: { type: 'object', properties: {} } },
  {
    name: 'fail',
    description: 'Always a tool error that quotes its arguments.',
    inputSchema: { type: 'object', properties: { password: { type: 'string' } } },
  },
  { name: 'hang', description: 'Never answers.', inputSchema: { type: 'object', properties: {} } },
  { name: 'broken', description: 'Fails inside the server (a JSON-RPC error).', inputSchema: { type: 'object', properties: {} } },
  {
    name: 'echo',
    description: 'Returns the message.',
    inputSchema: { type: 'object', properties: { message: { type: 'string' }, password: { type: 'string' } }, required: ['message'] },
  },
];

const { send, reply, serve } = require('./lib/stdio');
const text = (id, value, isError = false) => reply(id, { content: [{ type: 'text', text: value }], isError });

function callTool(id, params) {
  const args = (params && params.arguments) || {};
  process.stderr.write(`tools/call ${params && params.name}\n`);
  switch (params && params.name) {
    case 'meta':
      return text(id, JSON.stringify((params && params._meta) ?? null));
    case 'environment':
      return text(id, JSON.stringify({ traceparent: process.env.TRACEPARENT ?? null, tracestate: process.env.TRACESTATE ?? null }));
    case 'fail':
      return text(id, `refused: ${JSON.stringify(args)}`, true);
    case 'echo':
      return text(id, `Echo: ${String(args.message ?? '')}`);
    case 'hang':
      return;
    case 'broken':
      return send({ id, error: { code: -32603, message: 'the disk is full' } });
    default:
      return send({ id, error: { code: -32602, message: `Unknown tool: ${params && params.name}` } });
  }
}

function handle({ id, method, params }) {
  switch (method) {
    case 'initialize':
      return reply(id, {
        protocolVersion: params && params.protocolVersion,
        capabilities: { tools: {} },
        serverInfo: { name: 'meta-server', version: '1.0.0' },
      });
    case 'notifications/initialized':
    case 'notifications/cancelled':
      return;
    case 'ping':
      return reply(id, {});
    case 'tools/list':
      return reply(id, { tools });
    case 'tools/call':
      return callTool(id, params);
    default:
      if (id !== undefined) send({ id, error: { code: -32601, message: `Method not found: ${method}` } });
  }
}

serve(handle);
