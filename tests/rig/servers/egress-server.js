// A tiny MCP server for the egress tests: newline-delimited JSON-RPC on stdin/stdout, no dependencies.
// 'fetch' gets a URL through the proxy the environment names (HTTP_PROXY), as a well-behaved client does;
// 'connect' opens a CONNECT tunnel through it to host:port and sends one GET over the tunnel, as an HTTPS
// client would before its TLS handshake; 'fetch_direct' ignores the proxy and opens a TCP connection itself.
// Each answers one text line: what came back, or the error, so a test can tell refused from unreachable.
'use strict';

const http = require('http');
const net = require('net');

const LIMIT_MS = 4000;
const text = { type: 'string' };
const tools = [
  { name: 'fetch', description: 'GET a URL through HTTP_PROXY.', inputSchema: { type: 'object', properties: { url: text }, required: ['url'] } },
  { name: 'connect', description: 'CONNECT host:port through HTTP_PROXY, then GET / over the tunnel.',
    inputSchema: { type: 'object', properties: { host: text, port: { type: 'integer' } }, required: ['host', 'port'] } },
  { name: 'fetch_direct', description: 'Open a TCP connection to host:port, ignoring the proxy.',
    inputSchema: { type: 'object', properties: { host: text, port: { type: 'integer' } }, required: ['host', 'port'] } },
];

const { send, serve } = require('./lib/stdio');
const answer = (id, line) => send({ id, result: { content: [{ type: 'text', text: line }] } });
const proxy = () => new URL(process.env.HTTP_PROXY || process.env.http_proxy || 'http://proxy-not-set:1');
const firstLine = (body) => body.split('\n').find((l) => l.trim()) || '';

function fetchViaProxy(url) {
  return new Promise((done) => {
    const p = proxy();
    const request = http.request({ host: p.hostname, port: p.port, path: url, method: 'GET', headers: { Host: new URL(url).host } }, (response) => {
      let body = '';
      response.on('data', (d) => { body += d; });
      response.on('end', () => done(`${response.statusCode} ${response.statusCode === 200 ? firstLine(body) : ''}`.trim()));
    });
    request.setTimeout(LIMIT_MS, () => { request.destroy(); done('error timeout'); });
    request.on('error', (e) => done(`error ${e.code || e.message}`));
    request.end();
  });
}

function connectViaProxy(host, port) {
  return new Promise((done) => {
    const p = proxy();
    const request = http.request({ host: p.hostname, port: p.port, method: 'CONNECT', path: `${host}:${port}` });
    request.setTimeout(LIMIT_MS, () => { request.destroy(); done('error timeout'); });
    request.on('error', (e) => done(`error ${e.code || e.message}`));
    request.on('connect', (response, socket) => {
      if (response.statusCode !== 200) { socket.destroy(); return done(`CONNECT ${response.statusCode}`); }
      let reply = '';
      socket.setTimeout(LIMIT_MS, () => { socket.destroy(); done(`CONNECT 200 then timeout`); });
      socket.on('data', (d) => { reply += d; });
      socket.on('end', () => done(`CONNECT 200 ${firstLine(reply.split('\r\n\r\n').slice(1).join(''))}`.trim()));
      socket.on('error', (e) => done(`CONNECT 200 then error ${e.code || e.message}`));
      socket.write(`GET / HTTP/1.0\r\nHost: ${host}:${port}\r\n\r\n`);
    });
    request.end();
  });
}

function connectDirect(host, port) {
  return new Promise((done) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(LIMIT_MS, () => { socket.destroy(); done('error timeout'); });
    socket.on('connect', () => { socket.destroy(); done('connected'); });
    socket.on('error', (e) => done(`error ${e.code || e.message}`));
  });
}

async function callTool(id, params) {
  const args = (params && params.arguments) || {};
  switch (params && params.name) {
    case 'fetch': return answer(id, await fetchViaProxy(String(args.url)));
    case 'connect': return answer(id, await connectViaProxy(String(args.host), Number(args.port)));
    case 'fetch_direct': return answer(id, await connectDirect(String(args.host), Number(args.port)));
    default: return send({ id, error: { code: -32602, message: `Unknown tool: ${params && params.name}` } });
  }
}

function handle({ id, method, params }) {
  switch (method) {
    case 'initialize':
      return send({ id, result: { protocolVersion: params && params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'egress-server', version: '1.0.0' } } });
    case 'notifications/initialized': return undefined;
    case 'ping': return send({ id, result: {} });
    case 'tools/list': return send({ id, result: { tools } });
    case 'tools/call': return callTool(id, params);
    default: return id !== undefined ? send({ id, error: { code: -32601, message: `Method not found: ${method}` } }) : undefined;
  }
}

serve(handle);
