#!/usr/bin/env python3
"""The summary of bench/fleet/scale's raw lines: medians per build and client count, then every goal of issue 19 that
this bench measures, with its ratio (value / goal: <= 1.00 is met), per build; with two builds, new against base.

    scale_summary.py RAW_FILE...     (several: the rounds of several runs of the bench, e.g. 100/1,000 and then 5,000)
"""
import statistics
import sys

GOAL_PER_CLIENT_MS = 40.0   # time per client at 1,000 folder clients, 1 MiB recipe
GOAL_GROWTH = 1.2           # time per client at 1,000 against 100
GOAL_RSS_MIB = 200.0        # peak RSS at 1,000 clients; at 5,000 no higher


def main():
    rows = {}
    order = []
    lines = [line for name in sys.argv[1:] for line in open(name)]
    for line in lines:
        if line.startswith("#") or not line.strip():
            continue
        f = line.split()
        build, n = f[0], int(f[1])
        if build not in order:
            order.append(build)
        rows.setdefault((build, n), []).append({
            "wall": float(f[3]), "per": float(f[4]), "cpu": float(f[5]), "cpuPer": float(f[6]), "rss": float(f[7]),
            "exit": int(f[8]), "load": float(f[9]) if len(f) > 9 else float("nan")})
    med = {k: {m: statistics.median(r[m] for r in v) for m in ("wall", "per", "cpu", "cpuPer", "rss", "load")} | {
        "rounds": len(v), "exits": sorted({r["exit"] for r in v})} for k, v in rows.items()}

    print()
    print("| build | clients | rounds | wall | per client | CPU per client | peak RSS | exit | load |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---:|")
    for (build, n), m in sorted(med.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1])):
        print(f"| {build} | {n:,} | {m['rounds']} | {m['wall']:.1f} s | {m['per']:.1f} ms | {m['cpuPer']:.1f} ms | "
              f"{m['rss']:.0f} MiB | {','.join(map(str, m['exits']))} | {m['load']:.1f} |")

    print()
    print("| goal (issue 19) | build | value | goal | ratio | met |")
    print("|---|---|---:|---:|---:|---|")

    def goal(name, build, value, target, unit):
        if value is None:
            return
        ratio = value / target
        print(f"| {name} | {build} | {value:.2f}{unit} | {target:g}{unit} | {ratio:.2f} | {'yes' if ratio <= 1.0 else 'NO'} |")

    for build in order:
        a, b, c = med.get((build, 100)), med.get((build, 1000)), med.get((build, 5000))
        if b:
            goal("wall per client at 1,000", build, b["per"], GOAL_PER_CLIENT_MS, " ms")
            goal("CPU per client at 1,000 (/2 cores)", build, b["cpuPer"] / 2, GOAL_PER_CLIENT_MS, " ms")
            goal("peak RSS at 1,000", build, b["rss"], GOAL_RSS_MIB, " MiB")
        if a and b:
            goal("per client 1,000 / 100", build, b["per"] / a["per"], GOAL_GROWTH, "x")
        if c:
            goal("peak RSS at 5,000", build, c["rss"], GOAL_RSS_MIB, " MiB")
        if b and c:
            goal("peak RSS 5,000 / 1,000", build, c["rss"] / b["rss"], 1.0, "x")
    if len(order) == 2:
        base, new = order
        print()
        print(f"| {new} / {base} | clients | wall | CPU | peak RSS |")
        print("|---|---:|---:|---:|---:|")
        for n in sorted({k[1] for k in med}):
            if (base, n) in med and (new, n) in med:
                x, y = med[(base, n)], med[(new, n)]
                print(f"| | {n:,} | {y['wall'] / x['wall']:.2f}x | {y['cpu'] / x['cpu']:.2f}x | {y['rss'] / x['rss']:.2f}x |")


if __name__ == "__main__":
    main()
