#!/usr/bin/env python3
"""A tiny MCP server on the standard library only: newline-delimited JSON-RPC on stdin/stdout.

One tool, 'echo', returns its message and the Python version it runs on, so a test can see that an
image made from the host's Python runs a server with no packages installed.
"""
import json
import platform
import sys

TOOLS = [{
    "name": "echo",
    "description": "Returns the message and the Python version.",
    "inputSchema": {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]},
}]


def send(message):
    sys.stdout.write(json.dumps({"jsonrpc": "2.0", **message}) + "\n")
    sys.stdout.flush()


def handle(request):
    method, request_id, params = request.get("method"), request.get("id"), request.get("params") or {}
    if request_id is None:
        return  # a notification: nothing to answer
    if method == "initialize":
        send({"id": request_id, "result": {
            "protocolVersion": params.get("protocolVersion", "2025-06-18"),
            "capabilities": {"tools": {}},
            "serverInfo": {"name": "python-echo", "version": "1.0.0"},
        }})
    elif method == "ping":
        send({"id": request_id, "result": {}})
    elif method == "tools/list":
        send({"id": request_id, "result": {"tools": TOOLS}})
    elif method == "tools/call" and params.get("name") == "echo":
        text = f"{params.get('arguments', {}).get('message', '')} (python {platform.python_version()})"
        send({"id": request_id, "result": {"content": [{"type": "text", "text": text}]}})
    elif method == "tools/call":
        send({"id": request_id, "error": {"code": -32602, "message": f"unknown tool {params.get('name')}"}})
    else:
        send({"id": request_id, "error": {"code": -32601, "message": f"unknown method {method}"}})


for line in sys.stdin:
    if line.strip():
        handle(json.loads(line))
