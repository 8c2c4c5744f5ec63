#!/usr/bin/env python3
"""Turns the statements one request sent, as PostgreSQL logged them (log_min_duration_statement = 0), into a pgbench
script: each `execute` with its `parameters:` DETAIL, the parameters written in as the literals the log shows.
usage: statements.py <log file> <byte offset where the request began> <byte offset where it ended> > script.sql"""
import re
import sys

path, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "rb") as f:
    f.seek(start)
    text = f.read(end - start).decode("utf-8", "replace")

# One log entry per line that starts with a timestamp; continuation lines start with a tab.
entries = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", text)
statements = []
after_execute = False  # parse and bind are logged too, bind with its own DETAIL: only an execute's DETAIL counts
for entry in entries:
    m = re.search(r"LOG:\s+duration: [\d.]+ ms\s+(?:execute [^:]*|statement): (.*)", entry, re.S)
    if m:
        statements.append([m.group(1).strip(), {}])
        after_execute = True
        continue
    m = re.search(r"DETAIL:\s+parameters: (.*)", entry, re.S)
    was_execute, after_execute = after_execute, False
    if m and was_execute:
        for name, value in re.findall(r"\$(\d+) = ((?:'(?:[^']|'')*')|NULL)", m.group(1)):
            statements[-1][1][int(name)] = value

if not statements:
    sys.exit("no statements logged in that range")
for sql, parameters in statements:
    for n in sorted(parameters, reverse=True):  # $12 before $1
        sql = re.sub(r"\$%d(?!\d)" % n, lambda _: parameters[n], sql)
    # pgbench reads one command per line unless it ends with a semicolon; keep the statement on one line.
    print(" ".join(line.strip() for line in sql.splitlines()).rstrip(";") + ";")
