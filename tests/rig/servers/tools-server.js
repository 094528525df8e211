// A tiny MCP server for the tools-as-commands tests: newline-delimited JSON-RPC on stdin/stdout, no dependencies.
// Cases server-everything 2.0.0 lacks:
//   'erase'   destructiveHint true: a test proves -WhatIf sends it nothing;
//   'peek'    readOnlyHint true: never asks; 'note' has no annotations;
//   'typed'   integer, boolean, array, object and enum arguments (returns what it got, as JSON);
//   'slow'    reports progress every 200 ms and never answers until cancelled;
//   'weather' declares an outputSchema its structuredContent breaks;
//   'links'   returns a resource link and an embedded resource, which resources/read serves; 'fail' is a tool error.
// Every tools/call is logged to stderr ("tools/call <name>"), every cancellation ("cancelled <requestId>").
'use strict';


const tools = [
  {
    name: 'erase',
    description: 'Erases a path (pretends to).',
    annotations: { readOnlyHint: false, destructiveHint: true },
    inputSchema: { type: 'object', properties: { path: { type: 'string', description: 'What to erase.' } }, required: ['path'] },
  },
  {
    name: 'peek',
    description: 'Looks, changes nothing.',
    annotations: { readOnlyHint: true, idempotentHint: true },
    inputSchema: { type: 'object', properties: {} },
  },
  { name: 'note', description: 'Keeps a note.', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } },
  {
    name: 'typed',
    description: 'Returns its arguments as JSON.',
    annotations: { readOnlyHint: true },
    inputSchema: {
      type: 'object',
      properties: {
        count: { type: 'integer', description: 'How many.' },
        ratio: { type: 'number', description: 'A fraction.' },
        verbose_output: { type: 'boolean', description: 'Say more.' },
        tags: { type: 'array', items: { type: 'string' }, description: 'Labels.' },
        options: { type: 'object', description: 'Free-form settings.' },
        color: { type: 'string', enum: ['red', 'green', 'light blue'], description: 'Pick one.' },
      },
      required: ['count'],
    },
  },
  { name: 'slow', description: 'Reports progress until cancelled.', inputSchema: { type: 'object', properties: {} } },
  {
    name: 'weather',
    description: 'Structured content that breaks its own schema.',
    inputSchema: { type: 'object', properties: {} },
    outputSchema: {
      type: 'object',
      properties: { temperature: { type: 'number' }, conditions: { type: 'string' } },
      required: ['temperature', 'conditions'],
    },
  },
  { name: 'links', description: 'A resource link and an embedded resource.', inputSchema: { type: 'object', properties: {} } },
  { name: 'fail', description: 'Always a tool error.', inputSchema: { type: 'object', properties: {} } },
];

const resources = { 'test://notes/1': 'first note', 'test://notes/2': 'second note' };

const { send, reply, serve } = require('./lib/stdio');
const text = (id, value) => reply(id, { content: [{ type: 'text', text: value }] });
const slow = new Map();

function callTool(id, params) {
  const args = (params && params.arguments) || {};
  process.stderr.write(`tools/call ${params && params.name}\n`);
  switch (params && params.name) {
    case 'erase':
      return text(id, `erased ${args.path}`);
    case 'peek':
      return text(id, 'nothing changed');
    case 'note':
      return text(id, `noted ${args.text ?? ''}`);
    case 'typed':
      return text(id, JSON.stringify(args));
    case 'slow': {
      const token = params._meta && params._meta.progressToken;
      let step = 0;
      slow.set(id, setInterval(() => {
        step += 1;
        if (token !== undefined) send({ method: 'notifications/progress', params: { progressToken: token, progress: step, message: `step ${step}` } });
      }, 200));
      return;
    }
    case 'weather':
      return reply(id, { content: [{ type: 'text', text: '{"temperature":"hot"}' }], structuredContent: { temperature: 'hot' } });
    case 'links':
      return reply(id, {
        content: [
          { type: 'text', text: 'two resources' },
          { type: 'resource_link', uri: 'test://notes/1', name: 'note-1', mimeType: 'text/plain', description: 'The first note.' },
          { type: 'resource', resource: { uri: 'test://notes/2', mimeType: 'text/plain', text: resources['test://notes/2'] } },
        ],
      });
    case 'fail':
      return reply(id, { content: [{ type: 'text', text: 'refused on purpose' }], isError: true });
    default:
      return send({ id, error: { code: -32602, message: `Unknown tool: ${params && params.name}` } });
  }
}

function handle({ id, method, params }) {
  switch (method) {
    case 'initialize':
      return reply(id, {
        protocolVersion: params && params.protocolVersion,
        capabilities: { tools: {}, resources: {} },
        serverInfo: { name: 'tools-server', version: '1.0.0' },
      });
    case 'notifications/initialized':
      return;
    case 'notifications/cancelled': {
      const request = params && params.requestId;
      process.stderr.write(`cancelled ${request}\n`);
      clearInterval(slow.get(request));
      slow.delete(request);
      return;
    }
    case 'ping':
      return reply(id, {});
    case 'tools/list':
      return reply(id, { tools });
    case 'tools/call':
      return callTool(id, params);
    case 'resources/list':
      return reply(id, { resources: Object.keys(resources).map((uri) => ({ uri, name: uri, mimeType: 'text/plain' })) });
    case 'resources/read': {
      const uri = params && params.uri;
      if (!(uri in resources)) return send({ id, error: { code: -32002, message: `Resource not found: ${uri}` } });
      return reply(id, { contents: [{ uri, mimeType: 'text/plain', text: resources[uri] }] });
    }
    default:
      if (id !== undefined) send({ id, error: { code: -32601, message: `Method not found: ${method}` } });
  }
}

serve(handle);
