package dev.latchkey.bench.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory from Linux's {@code /proc}, to charge a server (another process) the CPU each
 * request cost it and to see what the rest of the machine did meanwhile: on a shared machine CPU per request
 * stays steady where rates don't. Times are in clock ticks of {@code USER_HZ}, which the kernel fixes at 100
 * per second for {@code /proc} on every common architecture (10 ms, so a 20 s window is exact to well under 1 %).
 */
final class ProcStat {

  private static final long NANOS_PER_TICK = 10_000_000L;

  /**
   * CPU used so far, in nanoseconds: by the server, by this process (the generator), and by the whole machine
   * (busy time of all cores); -1 where {@code /proc} can't tell (no server given, not Linux).
   */
  record Sample(long wallNanos, long serverNanos, long generatorNanos, long machineNanos) {

    static Sample take(long serverPid) {
      long server = serverPid > 0 ? readProcessNanos(Path.of("/proc", Long.toString(serverPid), "stat")) : -1;
      return new Sample(System.nanoTime(), server, readProcessNanos(Path.of("/proc/self/stat")), readMachineNanos());
    }
  }

  private ProcStat() {}

  /** The process's resident set ({@code VmRSS}) in KiB; -1 when it can't be read. */
  static long residentKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).replace("kB", "").strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** {@code utime + stime} of all the process's threads; fields count from the ')' that ends the command name. */
  private static long readProcessNanos(Path stat) {
    try {
      String text = Files.readString(stat);
      String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Busy time of all cores: user, nice, system, irq, softirq and steal of {@code /proc/stat}'s first line. */
  private static long readMachineNanos() {
    try (var lines = Files.lines(Path.of("/proc/stat"))) {
      String[] cpu = lines.findFirst().orElseThrow().trim().split("\\s+");
      long busy = 0;
      for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(cpu[field]);
      }
      return busy * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
