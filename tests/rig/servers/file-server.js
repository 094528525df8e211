// A tiny MCP server for the state-volume tests: newline-delimited JSON-RPC on stdin/stdout, no dependencies.
// Tool 'write_file' writes text to a path, 'read_file' reads one back, 'owner' says who owns one; a failure is a tool error (isError) with
// Node's own message ("EROFS: read-only file system, open '/app/x'"), as real servers such as server-memory answer.
'use strict';

const fs = require('fs');

const pathArg = { path: { type: 'string' } };
const tools = [
  {
    name: 'write_file',
    description: 'Writes text to a file.',
    inputSchema: { type: 'object', properties: { ...pathArg, text: { type: 'string' } }, required: ['path', 'text'] },
  },
  { name: 'read_file', description: 'Reads a file.', inputSchema: { type: 'object', properties: pathArg, required: ['path'] } },
  { name: 'owner', description: 'The uid:gid owning a path.', inputSchema: { type: 'object', properties: pathArg, required: ['path'] } },
];

const { send, reply, serve } = require('./lib/stdio');
const text = (id, value, isError = false) => reply(id, { content: [{ type: 'text', text: value }], isError });

function callTool(id, params) {
  const args = (params && params.arguments) || {};
  try {
    switch (params && params.name) {
      case 'write_file':
        fs.writeFileSync(String(args.path), String(args.text ?? ''));
        return text(id, `wrote ${args.path}`);
      case 'read_file':
        return text(id, fs.readFileSync(String(args.path), 'utf8'));
      case 'owner': {
        const stat = fs.statSync(String(args.path));
        return text(id, `${stat.uid}:${stat.gid}`);
      }
      default:
        return send({ id, error: { code: -32602, message: `Unknown tool: ${params && params.name}` } });
    }
  } catch (error) {
    return text(id, error.message, true);
  }
}

function handle({ id, method, params }) {
  switch (method) {
    case 'initialize':
      return reply(id, {
        protocolVersion: params && params.protocolVersion,
        capabilities: { tools: {} },
        serverInfo: { name: 'file-server', version: '1.0.0' },
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
