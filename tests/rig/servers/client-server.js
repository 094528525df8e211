// A tiny MCP server for the client-side tests: newline-delimited JSON-RPC on stdin/stdout, no dependencies.
// It declares logging and a tool list that changes. Tool 'log' sends one notifications/message per level it is given
// (those below the level logging/setLevel chose are not sent, per the spec), then answers with that level;
// tool 'add-tool' adds a tool named by its argument and sends notifications/tools/list_changed.
'use strict';


const levels = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
let minimum = null;   // no logging/setLevel yet: everything is sent
const tools = [
  {
    name: 'log',
    description: 'Sends a log message at each level given, then answers with the log level set.',
    inputSchema: { type: 'object', properties: { levels: { type: 'array', items: { type: 'string' } } } },
  },
  {
    name: 'add-tool',
    description: 'Adds a tool and says the tool list changed.',
    inputSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  },
];

const { send, reply, serve } = require('./lib/stdio');
const text = (id, value) => reply(id, { content: [{ type: 'text', text: value }] });

function callTool(id, params) {
  const args = (params && params.arguments) || {};
  switch (params && params.name) {
    case 'log':
      for (const level of args.levels || levels) {
        if (minimum !== null && levels.indexOf(level) < levels.indexOf(minimum)) continue;
        send({ method: 'notifications/message', params: { level, logger: 'client-server', data: `${level} message` } });
      }
      return text(id, `level=${minimum ?? 'unset'}`);
    case 'add-tool':
      tools.push({ name: String(args.name), description: 'Added at run time.', inputSchema: { type: 'object', properties: {} } });
      send({ method: 'notifications/tools/list_changed' });
      return text(id, `added ${args.name}`);
    default:
      if (tools.some((t) => t.name === (params && params.name))) return text(id, `called ${params.name}`);
      return send({ id, error: { code: -32602, message: `Unknown tool: ${params && params.name}` } });
  }
}

function handle({ id, method, params }) {
  switch (method) {
    case 'initialize':
      return reply(id, {
        protocolVersion: params && params.protocolVersion,
        capabilities: { tools: { listChanged: true }, logging: {} },
        serverInfo: { name: 'client-server', version: '1.0.0' },
      });
    case 'notifications/initialized':
    case 'notifications/cancelled':
      return;
    case 'ping':
      return reply(id, {});
    case 'logging/setLevel':
      minimum = params && params.level;
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
