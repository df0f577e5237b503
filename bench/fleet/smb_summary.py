#!/usr/bin/env python3
"""The SMB fleet bench's table and ratios from its results.jsonl (can be run again on kept results).

    smb_summary.py RESULTS.jsonl IMAGE_BYTES

Medians over rounds. Ratios are against 4 parallel smbclient puts (the goal: prestage faster, with 1x source reads).
"""
import json
import statistics
import sys

MIB = 1048576


def main():
    path, image_bytes = sys.argv[1], int(sys.argv[2])
    rows = {}
    for line in open(path):
        r = json.loads(line)
        rows.setdefault(r["name"], []).append(r)

    def med(name, key):
        return statistics.median(r[key] for r in rows[name])

    print(f"{'':28} {'wall':>8} {'tool CPU':>9} {'smbd CPU':>9} {'disk read':>10} {'read()':>10} {'x image':>8}")
    for name, rs in rows.items():
        counter = rs[-1].get("counter")
        print(f"{name:28} {med(name, 'wall'):7.2f}s {med(name, 'cpu'):8.2f}s {med(name, 'serverCpu'):8.2f}s"
              f" {med(name, 'readBytes') / MIB:7.0f}MiB {med(name, 'rchar') / MIB:7.0f}MiB"
              f" {med(name, 'readBytes') / image_bytes:7.2f}x"
              + (f"   prestage counter: {counter['bytesRead'] / MIB:.0f} MiB read for {counter['bytesCopied'] / MIB:.0f} MiB copied" if counter else ""))
    base = "smbclient-parallel"
    if base in rows:
        print(f"\nratios against {base} (wall; tool+smbd CPU; >1 means slower / more):")
        for name in rows:
            if name == base:
                continue
            wall = med(name, "wall") / med(base, "wall")
            cpu = (med(name, "cpu") + med(name, "serverCpu")) / (med(base, "cpu") + med(base, "serverCpu"))
            print(f"  {name:28} wall {wall:5.2f}x   CPU {cpu:5.2f}x")


if __name__ == "__main__":
    main()
