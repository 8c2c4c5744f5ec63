#!/usr/bin/env python3
"""Parses wrk and pgbench output into JSON lines and the results table (used by run.sh)."""
import glob, json, re, statistics, sys


def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(path):
    text = open(path).read()
    if "Non-2xx or 3xx responses" in text or "Socket errors" in text:
        raise SystemExit(f"wrk reported errors:\n{text}")
    percentile = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    return {"rps": rps, "p50": percentile["50"], "p99": percentile["99"]}


def pgbench(path, log_prefix):
    text = open(path).read()
    tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", text).group(1))
    failed = re.search(r"number of failed transactions: (\d+)", text)
    if failed and int(failed.group(1)) > 0:
        raise SystemExit(f"pgbench reported failures:\n{text}")
    latencies = sorted(int(line.split()[2]) / 1000.0 for f in glob.glob(log_prefix + "[0-9]*") for line in open(f))
    return {"rps": tps, "p50": statistics.median(latencies), "p99": latencies[int(len(latencies) * 0.99) - 1]}


def table(path):
    rows = [json.loads(line) for line in open(path)]
    print("| layer | bbox | limit | API req/s | API p50 / p99 (ms) | ceiling req/s | ceiling p50 / p99 (ms) | ratio | server RSS after (MB) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        a, c = r["api"], r["ceiling"]
        print(f"| {r.get('kind', '')} | {r['size']} | {r['limit']} | {a['rps']:.0f} | {a['p50']:.1f} / {a['p99']:.1f} | {c['rps']:.0f} | "
              f"{c['p50']:.1f} / {c['p99']:.1f} | **{a['rps'] / c['rps']:.2f}** | {r['rss_mb']:.0f} |")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "wrk":
        print(json.dumps(wrk(sys.argv[2])))
    elif command == "pgbench":
        print(json.dumps(pgbench(sys.argv[2], sys.argv[3])))
    elif command == "table":
        table(sys.argv[2])
