// A misbehaving MCP server for the robustness tests: newline-delimited JSON-RPC on stdin/stdout, no dependencies.
// Each tool misbehaves in one way; 'echo' answers properly, so a test can show the session survived.
//   garbage            garbage, a banner and a cut-off JSON line on stdout, then the answer written in two halves
//   stderr_flood       {lines} lines (200000) on stderr, then the answer
//   notify_storm       {count} log notifications (100000), then the answer
//   huge               an answer of {mb} MiB (100), streamed in 1 MiB pieces; "id" last as the TypeScript SDK writes
//                      it, or first with {id_first: true}
//   huge_notification  a log notification of {mb} MiB (20), then the answer
//   exit_mid_call      exits with code 3 without answering
//   never_answer       never answers
//   answer_twice       answers "first", then again "second"
//   unknown_id         answers request id 987654 first, then the real answer
//   wrong_types        answers with "isError": "maybe"
// On stderr it logs "call <tool> <id>" for each call.
'use strict';

const readline = require('readline');

const object = (properties = {}) => ({ type: 'object', properties });
const tools = [
  { name: 'echo', description: 'Returns the message.', inputSchema: object({ message: { type: 'string' } }) },
  { name: 'garbage', description: 'Garbage and partial lines on stdout, then the answer.', inputSchema: object() },
  { name: 'stderr_flood', description: 'Floods stderr.', inputSchema: object({ lines: { type: 'integer' } }) },
  { name: 'notify_storm', description: 'Sends many log notifications.', inputSchema: object({ count: { type: 'integer' } }) },
  { name: 'huge', description: 'A huge answer.', inputSchema: object({ mb: { type: 'integer' }, id_first: { type: 'boolean' } }) },
  { name: 'huge_notification', description: 'A huge notification.', inputSchema: object({ mb: { type: 'integer' } }) },
  { name: 'exit_mid_call', description: 'Exits without answering.', inputSchema: object() },
  { name: 'never_answer', description: 'Never answers.', inputSchema: object() },
  { name: 'answer_twice', description: 'Answers twice.', inputSchema: object() },
  { name: 'unknown_id', description: 'Answers an unknown id first.', inputSchema: object() },
  { name: 'wrong_types', description: 'Answers with a wrongly typed result.', inputSchema: object() },
];

const out = process.stdout;
const line = (text) => out.write(text + '\n');
const send = (message) => line(JSON.stringify({ jsonrpc: '2.0', ...message }));
const reply = (id, result) => send({ id, result });
const text = (value) => ({ content: [{ type: 'text', text: value }] });

// Resolves once stdout can take more: a huge answer is written piece by piece, never held whole.
const drained = (stream) => new Promise((resolve) => stream.once('drain', resolve));
async function write(chunk, stream = out) {
  if (!stream.write(chunk)) await drained(stream);
}

async function huge(id, mb, idFirst) {
  const piece = 'x'.repeat(1024 * 1024);
  await write(idFirst ? `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":{"content":[{"type":"text","text":"`
    : '{"result":{"content":[{"type":"text","text":"');
  for (let i = 0; i < mb; i++) await write(piece);
  await write(idFirst ? '"}]}}\n' : `"}]},"jsonrpc":"2.0","id":${JSON.stringify(id)}}\n`);
}

async function hugeNotification(mb) {
  const piece = 'y'.repeat(1024 * 1024);
  await write('{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"');
  for (let i = 0; i < mb; i++) await write(piece);
  await write('"}}\n');
}

async function callTool(id, params) {
  const name = params && params.name;
  const args = (params && params.arguments) || {};
  process.stderr.write(`call ${name} ${id}\n`);
  switch (name) {
    case 'echo':
      return reply(id, text(`Echo: ${args.message ?? ''}`));
    case 'garbage': {
      line('this is not JSON at all');
      line('Server ready on stdio (a banner a careless server prints)');
      line('{"jsonrpc":"2.0","id":' + JSON.stringify(id) + ',"result":{"content":[{"type":"te');
      line('[1, 2, 3]');
      const answer = JSON.stringify({ jsonrpc: '2.0', id, result: text('after garbage') });
      out.write(answer.slice(0, 20));
      setTimeout(() => out.write(answer.slice(20) + '\n'), 50);
      return;
    }
    case 'stderr_flood': {
      const lines = args.lines ?? 200000;
      const block = Array.from({ length: 1000 }, (_, i) => `flood line ${i} ${'-'.repeat(40)}`).join('\n') + '\n';
      // Written with back-pressure, and answered only once the last line is out: the flood is over before the answer.
      for (let i = 0; i < lines / 1000; i++) await write(block, process.stderr);
      return process.stderr.write('flood done\n', () => reply(id, text(`flooded ${lines}`)));
    }
    case 'notify_storm': {
      const count = args.count ?? 100000;
      for (let i = 0; i < count; i++) {
        await write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: `storm ${i}` } }) + '\n');
      }
      return reply(id, text(`stormed ${count}`));
    }
    case 'huge':
      return huge(id, args.mb ?? 100, args.id_first === true);
    case 'huge_notification':
      await hugeNotification(args.mb ?? 20);
      return reply(id, text('after the huge notification'));
    case 'exit_mid_call':
      process.stderr.write('exiting in the middle of a call\n');
      return process.exit(3);
    case 'never_answer':
      return;
    case 'answer_twice':
      reply(id, text('first'));
      return reply(id, text('second'));
    case 'unknown_id':
      reply(987654, text('for nobody'));
      return reply(id, text('for the caller'));
    case 'wrong_types':
      return reply(id, { content: [{ type: 'text', text: 'typed wrongly' }], isError: 'maybe' });
    default:
      return send({ id, error: { code: -32602, message: `Unknown tool: ${name}` } });
  }
}

function handle(message) {
  const { id, method, params } = message;
  switch (method) {
    case 'initialize':
      return reply(id, {
        protocolVersion: params && params.protocolVersion,
        capabilities: { tools: {}, logging: {} },
        serverInfo: { name: 'hostile-server', version: '1.0.0' },
      });
    case 'ping':
      return reply(id, {});
    case 'tools/list':
      return reply(id, { tools });
    case 'tools/call':
      return callTool(id, params);
    default:
      if (id !== undefined && method !== undefined) send({ id, error: { code: -32601, message: `Method not found: ${method}` } });
  }
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (text) => {
  if (!text.trim()) return;
  try {
    handle(JSON.parse(text));
  } catch {
    // Hostile, not chatty: malformed input is ignored.
  }
});
lines.on('close', () => process.exit(0));
