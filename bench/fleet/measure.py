#!/usr/bin/env python3
"""Runs one benchmark variant and prints one JSON line of what it cost.

    measure.py NAME SERVER_PIDS -- COMMAND...

wall: seconds from start to exit. cpu: user + system seconds of COMMAND and every process it started (rusage of the
waited children). readBytes / rchar: this process's /proc/self/io after COMMAND was waited for; Linux adds a reaped
child's I/O counts to its parent, so they cover COMMAND's whole tree: readBytes is what came from the disk (the
source was dropped from the page cache before), rchar what was read through read() calls (a mapped file's page
faults are not in it). serverCpu: user + system seconds of the SMB servers (SERVER_PIDS, comma separated: each smbd's
main process, its live children, and the children it reaped while COMMAND ran), which do the other half of each copy.
"""
import json
import os
import resource
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        s = f.read()
    # the command name may hold spaces: the fields after it start past the last ')'
    return s[s.rindex(")") + 2:].split()


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def server_ticks(pids):
    """CPU ticks of the servers: each main process with what it reaped, and its live descendants."""
    total = 0
    for pid in pids:
        f = stat_fields(pid)
        total += sum(int(x) for x in f[11:15])  # utime stime cutime cstime (fields 14-17)
        todo = children(pid)
        while todo:
            c = todo.pop()
            try:
                cf = stat_fields(c)
            except OSError:
                continue  # ended: its time is in its parent's cutime once reaped
            total += int(cf[11]) + int(cf[12])
            todo.extend(children(c))
    return total


def io():
    with open("/proc/self/io") as f:
        return {k: int(v) for k, v in (line.split(": ") for line in f)}


def settle(pids, baseline, seconds=10):
    """Waits until the servers are back to their number of processes before the variant (connections closed, reaped)."""
    deadline = time.time() + seconds
    while time.time() < deadline and sum(len(children(p)) for p in pids) > baseline:
        time.sleep(0.1)


def main():
    name, pids_arg, sep, *cmd = sys.argv[1:]
    assert sep == "--" and cmd, __doc__
    pids = [int(p) for p in pids_arg.split(",") if p]
    baseline = sum(len(children(p)) for p in pids)
    io_before = io()
    server_before = server_ticks(pids)
    start = time.monotonic()
    with open(os.environ.get("MEASURE_STDOUT", "/dev/null"), "wb") as out, open(os.environ.get("MEASURE_STDERR", "/dev/null"), "wb") as err:
        status = subprocess.call(cmd, stdout=out, stderr=err)
    wall = time.monotonic() - start
    settle(pids, baseline)
    server_after = server_ticks(pids)
    io_after = io()
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "name": name,
        "status": status,
        "wall": round(wall, 3),
        "cpu": round(ru.ru_utime + ru.ru_stime, 3),
        "serverCpu": round((server_after - server_before) / TICK, 3),
        "readBytes": io_after["read_bytes"] - io_before["read_bytes"],
        "rchar": io_after["rchar"] - io_before["rchar"],
        "load": open("/proc/loadavg").read().split()[:3],
    }))
    sys.exit(status)


if __name__ == "__main__":
    main()
