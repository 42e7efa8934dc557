#!/usr/bin/env python3
"""CPU used by named processes over a time window, from /proc, for CPU-per-operation figures.

    bench/cpu-window.py --after 62 --for 16 server=PID postgres=PID generator=PID

waits --after seconds (a load run's warm-up and a margin), then reads, at the start and the end of a
window of --for seconds, the CPU time of each named process together with everything under it (a
PostgreSQL postmaster and its backends; the children it has already reaped count through its cutime),
and of the whole machine (/proc/stat). Prints one line: the cores each name used on average, "other"
(the machine's busy cores minus the named ones: the neighbours), and the machine's busy cores.
Multiply cores by 1000 and divide by operations per second for CPU milliseconds per operation.
"""
import argparse
import os
import time

HZ = os.sysconf("SC_CLK_TCK")


def stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    return text[text.rindex(")") + 2:].split()  # fields from 3 (state) onwards


def children():
    """Map of parent pid to child pids over every live process."""
    tree = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                tree.setdefault(int(stat_fields(entry)[1]), []).append(int(entry))
            except (OSError, IndexError):
                pass
    return tree


def tree_ticks(root, tree):
    """utime + stime of root and its live descendants, plus root's reaped children."""
    total = 0
    pending = [root]
    while pending:
        pid = pending.pop()
        try:
            fields = stat_fields(pid)
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
        if pid == root:
            total += int(fields[13]) + int(fields[14])  # cutime, cstime
        pending.extend(tree.get(pid, []))
    return total


def machine_busy_ticks():
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    return sum(values) - values[3] - values[4]  # all but idle and iowait


def sample(named):
    tree = children()
    return {name: tree_ticks(pid, tree) for name, pid in named}, machine_busy_ticks()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--after", type=float, default=0)
    parser.add_argument("--for", dest="window", type=float, required=True)
    parser.add_argument("processes", nargs="+", metavar="NAME=PID")
    args = parser.parse_args()
    named = [(p.split("=", 1)[0], int(p.split("=", 1)[1])) for p in args.processes]
    time.sleep(args.after)
    start, machine_start = sample(named)
    began = time.monotonic()
    time.sleep(args.window)
    end, machine_end = sample(named)
    seconds = time.monotonic() - began
    cores = {name: (end[name] - start[name]) / HZ / seconds for name, _ in named}
    machine = (machine_end - machine_start) / HZ / seconds
    parts = "  ".join(f"{name} {value:.2f}" for name, value in cores.items())
    print(f"cpu over {seconds:.1f} s (cores): {parts}  other {machine - sum(cores.values()):.2f}  machine {machine:.2f}")


if __name__ == "__main__":
    main()
