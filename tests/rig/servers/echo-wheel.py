#!/usr/bin/env python3
"""Packs echo-server.py as a wheel, echo_server-0.1.0-py3-none-any.whl, with the console script 'echo-server'.

For tests of images made from a python package where no package index is reachable: pip installs the wheel
from this machine (pip install --target), as uvx --from /path/to/x.whl would. Standard library only.
Usage: echo-wheel.py OUTPUT_DIRECTORY   (prints the wheel's path)
"""
import os
import sys
import zipfile

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "echo-server.py"), encoding="utf-8") as f:
    source = f.read()
# The script's read loop becomes main(), which the console script calls.
loop = "\nfor line in sys.stdin:"
module = source.replace(loop, "\ndef main():\n    for line in sys.stdin:").replace(
    "\n    if line.strip():\n        handle(json.loads(line))", "\n        if line.strip():\n            handle(json.loads(line))")

dist = "echo_server-0.1.0.dist-info"
files = {
    "echo_server/__init__.py": module,
    f"{dist}/METADATA": "Metadata-Version: 2.1\nName: echo-server\nVersion: 0.1.0\n",
    f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: echo-wheel.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    f"{dist}/entry_points.txt": "[console_scripts]\necho-server = echo_server:main\n",
}
files[f"{dist}/RECORD"] = "".join(f"{name},,\n" for name in [*files, f"{dist}/RECORD"])

os.makedirs(sys.argv[1], exist_ok=True)
path = os.path.join(os.path.abspath(sys.argv[1]), "echo_server-0.1.0-py3-none-any.whl")
with zipfile.ZipFile(path, "w") as wheel:
    for name, text in files.items():
        wheel.writestr(name, text)
print(path)
