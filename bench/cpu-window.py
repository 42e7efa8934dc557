#!/usr/bin/env python3
"""CPU use of named processes over one window, from /proc, to put beside a load run's numbers.

    bench/cpu-window.py --after 62 --window 26 server=PID postgres=POSTMASTER_PID+ generator=PID

waits --after seconds, then reads utime+stime of each group at the start and the end of a window of
--window seconds and prints the cores each group used on one line, with "other" (every other process on
the machine, from /proc/stat). A trailing + takes the process and all its children (PostgreSQL's
backends). Each process is counted by its own delta, so a backend that starts or ends in the window
costs only what it used inside it.
"""
import os
import sys
import time
import argparse

TICKS = os.sysconf("SC_CLK_TCK")


def ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    except (FileNotFoundError, ProcessLookupError):
        return None


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return found


def members(spec):
    tree = spec.endswith("+")
    pid = int(spec.rstrip("+"))
    return [pid] + (children(pid) if tree else [])


def snapshot(groups):
    return {name: {pid: ticks(pid) for pid in members(spec)} for name, spec in groups.items()}


def machine_busy():
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    return sum(values) - values[3] - values[4]  # all but idle and iowait


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--after", type=float, required=True)
    parser.add_argument("--window", type=float, required=True)
    parser.add_argument("groups", nargs="+", help="name=PID or name=PID+ (with its children)")
    args = parser.parse_args()
    groups = dict(group.split("=", 1) for group in args.groups)
    time.sleep(args.after)
    start, busy_start, t0 = snapshot(groups), machine_busy(), time.monotonic()
    time.sleep(args.window)
    end, busy_end, t1 = snapshot(groups), machine_busy(), time.monotonic()
    seconds = t1 - t0
    used = {}
    for name in groups:
        total = 0
        for pid, after in end[name].items():
            before = start[name].get(pid)
            if after is not None:
                total += after - (before if before is not None else 0)
        used[name] = total
    other = (busy_end - busy_start) - sum(used.values())
    parts = [f"{name} {used[name] / TICKS / seconds:.3f}" for name in groups]
    parts.append(f"other {other / TICKS / seconds:.3f}")
    print(f"cpu-window {seconds:.1f} s, cores: " + ", ".join(parts), flush=True)


if __name__ == "__main__":
    sys.exit(main())
