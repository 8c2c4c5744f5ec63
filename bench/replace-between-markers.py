#!/usr/bin/env python3
"""Puts a file's text between the markers <!-- NAME --> and <!-- /NAME --> of a Markdown file (the benchmarks' tables)."""
import pathlib, sys

target, name, source = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
text = target.read_text()
start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
if start not in text or end not in text:
    raise SystemExit(f"{target}: no {start} … {end} markers")
before, rest = text.split(start, 1)
_, after = rest.split(end, 1)
target.write_text(f"{before}{start}\n{source.read_text().strip()}\n{end}{after}")
