package io.slurmmetrics.bench;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two versions of the accounting reader in one JVM, each in a class loader of its own (the classes of
 * {@code overlayA} / {@code overlayB} before this JVM's class path; {@code -} for none), timed alternately over the
 * same answer held in memory; prints each one's best and median and the median of the per-round ratios. On this
 * project's machine (a VM whose speed moves 20-40 % within minutes) runs one after the other mislead; alternating
 * rounds in one JVM sees both versions at the same machine speed. {@code scripts/reader-ab} builds the overlays.
 *
 * <p>{@code ReaderAB answer.json ingest|skip rounds overlayA overlayB}
 */
public final class ReaderAB {
  private ReaderAB() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: ReaderAB ANSWER.json ingest|skip ROUNDS OVERLAY_A|- OVERLAY_B|-");
      System.exit(2);
    }
    byte[] answer = Files.readAllBytes(Path.of(args[0]));
    String mode = args[1];
    int rounds = Integer.parseInt(args[2]);
    String[] names = {args[3], args[4]};
    Method[] once = new Method[2];
    for (int v = 0; v < 2; v++) {
      List<URL> urls = new ArrayList<>();
      if (!names[v].equals("-")) urls.add(Path.of(names[v]).toUri().toURL());
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        urls.add(Path.of(entry).toUri().toURL());
      }
      ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
      once[v] = loader.loadClass("io.slurmmetrics.json.ReaderProbe").getMethod("once", byte[].class, String.class);
    }
    long[][] nanos = new long[2][rounds];
    for (int i = 0; i < rounds; i++) {
      for (int k = 0; k < 2; k++) {
        int v = i % 2 == 0 ? k : 1 - k; // who goes first alternates
        nanos[v][i] = (long) once[v].invoke(null, answer, mode);
      }
    }
    int from = rounds / 3; // the first third warms both up
    double[] ratios = new double[rounds - from];
    for (int i = from; i < rounds; i++) ratios[i - from] = (double) nanos[0][i] / nanos[1][i];
    Arrays.sort(ratios);
    for (int v = 0; v < 2; v++) {
      long[] t = Arrays.copyOfRange(nanos[v], from, rounds);
      Arrays.sort(t);
      System.out.printf("%s %s: best %.0f ms (%.0f MB/s), median %.0f ms%n", names[v], mode, t[0] / 1e6,
          answer.length / (t[0] / 1e3), t[t.length / 2] / 1e6);
    }
    System.out.printf("time A / time B per round: median %.2f (min %.2f, max %.2f; > 1: B is faster)%n",
        ratios[ratios.length / 2], ratios[0], ratios[ratios.length - 1]);
  }
}
