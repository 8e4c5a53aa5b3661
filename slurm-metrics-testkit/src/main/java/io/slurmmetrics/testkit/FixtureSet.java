package io.slurmmetrics.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The recorded outputs of one real Slurm version, as {@code scripts/record-fixtures} wrote them below
 * {@code io/slurmmetrics/testkit/fixtures/slurm-<version>/} on the classpath:
 * {@code rest/<api-version>/<slurm|slurmdb>/<endpoint>.json}, {@code cli/<command>.json|txt},
 * {@code metrics/*.txt} and {@code errors/<case>/{status,body,request}}, with {@code PROVENANCE.md} beside them.
 *
 * <p>Paths given to and returned by this class are relative to the version's directory. Immutable and thread-safe.
 */
public final class FixtureSet {
  private final ClassLoader loader;
  private final String slurmVersion;
  private final String root;
  private final SortedSet<String> files;

  FixtureSet(ClassLoader loader, String slurmVersion, String root, SortedSet<String> files) {
    this.loader = loader;
    this.slurmVersion = Objects.requireNonNull(slurmVersion, "slurmVersion");
    this.root = root;
    this.files = new TreeSet<>(files);
  }

  /** The Slurm version these outputs came from, as the directory names it ({@code 22.05}). */
  public String slurmVersion() {
    return slurmVersion;
  }

  /** Every file of the set, relative to its directory, sorted ({@code rest/v0.0.38/slurm/nodes.json}). */
  public List<String> files() {
    return List.copyOf(files);
  }

  /** Every file below a directory prefix ({@code cli/}, {@code rest/v0.0.38/}), sorted. */
  public List<String> files(String prefix) {
    List<String> out = new ArrayList<>();
    for (String f : files.tailSet(prefix)) {
      if (!f.startsWith(prefix)) break;
      out.add(f);
    }
    return out;
  }

  /** Whether the set holds this file (relative path). */
  public boolean has(String file) {
    return files.contains(file);
  }

  /** The REST API versions recorded ({@code v0.0.36}, ...), in version order. */
  public List<String> apiVersions() {
    SortedSet<String> out = new TreeSet<>(FixtureSet::compareVersions);
    for (String f : files("rest/")) {
      int slash = f.indexOf('/', "rest/".length());
      if (slash > 0) out.add(f.substring("rest/".length(), slash));
    }
    return List.copyOf(out);
  }

  /** The recorded REST response body for {@code plugin} ({@code slurm} or {@code slurmdb}) and endpoint, if any. */
  public Optional<byte[]> rest(String apiVersion, String plugin, String endpoint) {
    String f = "rest/" + apiVersion + "/" + plugin + "/" + endpoint + ".json";
    return has(f) ? Optional.of(bytes(f)) : Optional.empty();
  }

  /** The names of the recorded error cases ({@code no-token}, {@code slurmdbd-down-jobs}, ...). */
  public List<String> errorCases() {
    SortedSet<String> out = new TreeSet<>();
    for (String f : files("errors/")) {
      int slash = f.indexOf('/', "errors/".length());
      if (slash > 0) out.add(f.substring("errors/".length(), slash));
    }
    return List.copyOf(out);
  }

  /** A recorded error case, if this version has it. */
  public Optional<RecordedResponse> errorCase(String name) {
    String dir = "errors/" + name + "/";
    if (!has(dir + "status")) return Optional.empty();
    int status = Integer.parseInt(text(dir + "status").strip().split("\\s+")[0]);
    byte[] body = has(dir + "body") ? bytes(dir + "body") : new byte[0];
    String request = has(dir + "request") ? text(dir + "request").strip() : "";
    return Optional.of(new RecordedResponse(name, status, body, request));
  }

  /** Opens one file of the set. The caller closes the stream. */
  public InputStream open(String file) {
    if (!has(file)) {
      throw new IllegalArgumentException("fixture set slurm-" + slurmVersion + " has no file " + file);
    }
    InputStream in = loader.getResourceAsStream(root + file);
    if (in == null) throw new IllegalStateException("fixture " + root + file + " vanished from the classpath");
    return in;
  }

  /** The whole file, as recorded. */
  public byte[] bytes(String file) {
    try (InputStream in = open(file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + root + file, e);
    }
  }

  /** The whole file as UTF-8 text. */
  public String text(String file) {
    return new String(bytes(file), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "slurm-" + slurmVersion + " (" + files.size() + " files)";
  }

  /** Orders {@code v0.0.9} before {@code v0.0.38}. */
  static int compareVersions(String a, String b) {
    String[] x = a.replaceFirst("^v", "").split("\\.");
    String[] y = b.replaceFirst("^v", "").split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c;
      try {
        c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      } catch (NumberFormatException e) {
        c = x[i].compareTo(y[i]);
      }
      if (c != 0) return c;
    }
    return Integer.compare(x.length, y.length);
  }

  /**
   * A recorded real error answer.
   *
   * @param name    the case ({@code bad-token-slurm})
   * @param request what was sent, as the recorder wrote it (method, path, which headers; never a token)
   */
  public record RecordedResponse(String name, int status, byte[] body, String request) {
    /** Copies the body. */
    public RecordedResponse {
      Objects.requireNonNull(name, "name");
      body = body.clone();
      Objects.requireNonNull(request, "request");
    }

    @Override
    /** A copy of the recorded body. */
    public byte[] body() {
      return body.clone();
    }

    /** The recorded body as UTF-8 text. */
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }
}
