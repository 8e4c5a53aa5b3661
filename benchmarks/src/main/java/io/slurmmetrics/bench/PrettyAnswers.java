package io.slurmmetrics.bench;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;

/**
 * The simulator's slurmdb answers as slurmrestd prints them by default: indented by two spaces, one value per line
 * ({@code "key": value}). The simulator writes compact JSON, which is what slurmrestd sends only when it runs with
 * {@code SLURMRESTD_JSON=compact}; a recorded real v0.0.42 slurmdb job is 8.3 KB pretty and 3.7 KB compact, so the
 * accounting figures are taken for both. The bench server serves these copies under {@link #PREFIX}.
 */
final class PrettyAnswers {
  /** Path prefix of the pretty answers: {@code /pretty/slurmdb/v0.0.42/jobs?...}. */
  static final String PREFIX = "/pretty";

  private PrettyAnswers() {}

  /**
   * The pretty copy beside a compact answer ({@code <name>-pretty.json}), written once (to a temporary file, then
   * renamed) and reused. The name keeps the answer's prefix, so {@link Scenario#prepare} deletes it with its
   * original when the scenario changes.
   */
  static synchronized Path of(Path compact) throws IOException {
    String name = compact.getFileName().toString();
    Path pretty = compact.resolveSibling(name.substring(0, name.length() - ".json".length()) + "-pretty.json");
    if (Files.exists(pretty)) return pretty;
    Path tmp = pretty.resolveSibling(pretty.getFileName() + ".tmp");
    try (BufferedSource in = Okio.buffer(Okio.source(compact));
        BufferedSink out = Okio.buffer(Okio.sink(tmp));
        JsonReader reader = JsonReader.of(in);
        JsonWriter writer = JsonWriter.of(out)) {
      writer.setIndent("  ");
      writer.setSerializeNulls(true);
      copy(reader, writer);
    }
    Files.move(tmp, pretty, StandardCopyOption.ATOMIC_MOVE);
    return pretty;
  }

  /** Streams one JSON document token by token; numbers keep their literal text. */
  static void copy(JsonReader r, JsonWriter w) throws IOException {
    int depth = 0;
    do {
      switch (r.peek()) {
        case BEGIN_OBJECT -> {
          r.beginObject();
          w.beginObject();
          depth++;
        }
        case END_OBJECT -> {
          r.endObject();
          w.endObject();
          depth--;
        }
        case BEGIN_ARRAY -> {
          r.beginArray();
          w.beginArray();
          depth++;
        }
        case END_ARRAY -> {
          r.endArray();
          w.endArray();
          depth--;
        }
        case NAME -> w.name(r.nextName());
        case STRING -> w.value(r.nextString());
        case NUMBER -> {
          String literal = r.nextString();
          try (BufferedSink raw = w.valueSink()) {
            raw.writeUtf8(literal);
          }
        }
        case BOOLEAN -> w.value(r.nextBoolean());
        case NULL -> {
          r.nextNull();
          w.nullValue();
        }
        case END_DOCUMENT -> throw new IOException("truncated JSON document");
      }
    } while (depth > 0);
  }
}
