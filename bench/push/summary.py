#!/usr/bin/env python3
"""Summary of bench/push/run: medians, ratios, peak RSS, CPU per GiB and every goal of issue 14 with its ratio.
Usage: summary.py RESULTS_DIR SIZE_MIB MID_MIB SET_MIB "MANY COUNTS" (bench/push/run calls it; it can be run again
on a results folder kept with KEEP=1)."""
import json, os, sys
results, size, mid, set_mib, many = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], [int(n) for n in sys.argv[5].split()]
def medians(name):
    path = os.path.join(results, name)
    if not os.path.exists(path): return {}
    return {r["command"]: r["median"] for r in json.load(open(path))["results"]}
def table(path):
    p = os.path.join(results, path)
    return [l.split() for l in open(p).read().splitlines() if l.strip()] if os.path.exists(p) else []
rss = {" ".join(r[:-1]): int(r[-1]) for r in table("rss.txt")}
cpu = {" ".join(r[:-2]): float(r[-2]) + float(r[-1]) for r in table("cpu.txt")}
print()
print(f"prestage push/verify benchmark: one = {size} MiB + 4 MiB index; mid = {mid} MiB; set = 2 x {set_mib} MiB + 2 small indexes;")
print(f"many = 1, {', '.join(map(str, many))} images of 4 KiB with a 64-byte index each; medians of hyperfine runs")
print("load average (1, 5, 15 min) when each part started: " + "; ".join(f"{r[0]} {r[1]} {r[2]} {r[3]}" for r in table("load.txt")))
for label in ["one", "mid", "set", "many1"] + [f"many{n}" for n in many] + ["mid-busy"]:
    for mode in ("warm", "cold", "busy"):
        key = f"{label}-{mode}" if label != "mid-busy" else "mid-busy"
        if label == "mid-busy" and mode != "busy": continue
        if label != "mid-busy" and mode == "busy": continue
        c, v = medians(f"{key}-copy.json"), medians(f"{key}-verify.json")
        if not c: continue
        print(f"\n[{label}, {mode}]")
        for k, t in c.items(): print(f"  {k:20s} {t:8.3f} s")
        for k in ("cp+sync", "cp+sync+sha256sum", "rsync"):
            if k in c: print(f"  push / {k:16s} {c['push'] / c[k]:5.2f}x")
        for k, t in v.items(): print(f"  {k:20s} {t:8.3f} s")
        for k in ("openssl dgst", "sha256sum -c"):
            if k in v: print(f"  verify / {k:14s} {v['verify'] / v[k]:5.2f}x")
print("\npeak RSS:")
for k, kb in rss.items(): print(f"  {k:20s} {kb / 1024:7.1f} MiB")
print("\nCPU seconds (user + system) per GiB copied:")
for label, mib in (("one", size + 4), ("mid", mid)):
    for tool in ("push", "cp"):
        if f"{label} {tool}" in cpu: print(f"  {label} {tool:5s} {cpu[f'{label} {tool}'] / (mib / 1024):6.2f} s/GiB")

print("\nGOALS (issue 14)")
def goal(text, value, limit, unit="x", fmt="{:.2f}"):
    if value is None:
        print(f"  [ n/a ] {text}: not measured"); return
    ok = value <= limit
    print(f"  [{'met' if ok else 'MISSED':^5s}] {text}: {fmt.format(value)}{unit} (goal <= {fmt.format(limit)}{unit})")
def ratio(key, a, b, kind="copy"):
    m = medians(f"{key}-{kind}.json")
    return m[a] / m[b] if a in m and b in m else None
goal(f"push of one {size} MiB file / cp && sync", ratio("one-warm", "push", "cp+sync"), 1.05)
goal(f"push of one {mid} MiB file / cp && sync", ratio("mid-warm", "push", "cp+sync"), 1.15)
one_file = medians("many1-warm-copy.json")
per_file = {}
for n in many:
    m = medians(f"many{n}-warm-copy.json")
    if m and one_file:
        # n images and their n indexes against 1 of each: 2n - 2 files more
        extra = ((m["push"] - one_file["push"]) - (m["cp+sync"] - one_file["cp+sync"])) / (2 * n - 2) * 1000
        per_file[n] = extra
        goal(f"each of {2 * n} small files after the first, beyond what cp -r && sync spends on it", extra, 2.0, " ms")
if len(per_file) >= 2:
    ns = sorted(per_file)
    lo, hi = per_file[ns[0]], per_file[ns[-1]]
    growth = (hi + 0.5) / (lo + 0.5)  # 0.5 ms: noise floor, so two tiny costs do not make a big ratio
    goal(f"cost per file at {ns[-1]} files / at {ns[0]} files (does not grow)", growth, 1.25)
goal(f"verify of one {size} MiB file / openssl dgst -sha256", ratio("one-warm", "verify", "openssl dgst", "verify"), 0.6)
peak = max(rss.get(k, 0) for k in rss if k.endswith(("push", "push -j4", "verify")))
goal("peak RSS of push (any count, --jobs 4) and verify", peak / 1024 if peak else None, 150, " MiB", "{:.0f}")
goal(f"push of one {mid} MiB file / cp && sync beside a CPU-bound process", ratio("mid-busy", "push", "cp+sync"), 1.3)
if "mid push" in cpu and "mid cp" in cpu:
    print(f"  [info ] CPU per GiB pushed: push {cpu['mid push'] / (mid / 1024):.2f} s, cp {cpu['mid cp'] / (mid / 1024):.2f} s")
