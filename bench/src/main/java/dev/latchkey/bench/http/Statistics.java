package dev.latchkey.bench.http;

import java.util.Arrays;
import java.util.Random;

/**
 * The few statistics the failure-timing scenario needs, small enough not to warrant a library: percentiles,
 * a bootstrap interval for a difference of medians, and the Mann–Whitney U test (normal approximation with
 * the tie correction, fine for the hundreds of samples per class a run gives). Samples are sorted ascending.
 */
final class Statistics {

  /** An estimate with its 95 % interval. */
  record Interval(double estimate, double low, double high) {}

  private Statistics() {}

  /** The value at {@code percent} (0–100) of sorted {@code values}, nearest rank. */
  static double percentile(double[] sorted, double percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * median(a) − median(b), with the 2.5th and 97.5th percentiles of that difference over {@code resamples}
   * bootstrap resamples of each sample (percentile bootstrap).
   */
  static Interval medianDifference(double[] a, double[] b, int resamples, Random random) {
    double[] differences = new double[resamples];
    double[] ra = new double[a.length];
    double[] rb = new double[b.length];
    for (int r = 0; r < resamples; r++) {
      differences[r] = median(resample(a, ra, random)) - median(resample(b, rb, random));
    }
    Arrays.sort(differences);
    return new Interval(median(a) - median(b), percentile(differences, 2.5), percentile(differences, 97.5));
  }

  private static double[] resample(double[] from, double[] into, Random random) {
    for (int i = 0; i < into.length; i++) {
      into[i] = from[random.nextInt(from.length)];
    }
    Arrays.sort(into);
    return into;
  }

  /** The two-sided p-value of the Mann–Whitney U test that {@code a} and {@code b} come from one distribution. */
  static double mannWhitneyP(double[] a, double[] b) {
    int n1 = a.length;
    int n2 = b.length;
    int n = n1 + n2;
    double[] all = new double[n];
    boolean[] fromA = new boolean[n];
    // Merge the two sorted samples, remembering which each value came from.
    for (int i = 0, j = 0, k = 0; k < n; k++) {
      if (j >= n2 || (i < n1 && a[i] <= b[j])) {
        all[k] = a[i++];
        fromA[k] = true;
      } else {
        all[k] = b[j++];
      }
    }
    double rankSumA = 0;
    double tieTerm = 0;
    for (int start = 0; start < n; ) {
      int end = start;
      while (end + 1 < n && all[end + 1] == all[start]) {
        end++;
      }
      double rank = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        if (fromA[k]) {
          rankSumA += rank;
        }
      }
      double tied = end - start + 1;
      tieTerm += tied * tied * tied - tied;
      start = end + 1;
    }
    double u = rankSumA - n1 * (n1 + 1) / 2.0;
    double mean = n1 * (double) n2 / 2;
    double variance = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
    if (variance <= 0) {
      return 1;
    }
    double z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
    return Math.min(1, 2 * upperNormalTail(Math.max(0, z)));
  }

  /** P(Z > z) for a standard normal Z, by the complementary error function (Numerical Recipes' erfc, 1.2e-7). */
  private static double upperNormalTail(double z) {
    double x = z / Math.sqrt(2);
    double t = 1 / (1 + 0.5 * x);
    double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851632
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return erfc / 2;
  }
}
