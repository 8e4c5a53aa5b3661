package io.slurmmetrics.exporter.hardening;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import okio.Buffer;

/**
 * A recorded answer as a mutable tree (Moshi's {@code readJsonValue}), rewritten by a test into an edge case and
 * written back with integral numbers kept integral. How each hand-made edge case differs from the real recording is
 * stated where it is built.
 */
final class JsonTree {
  private JsonTree() {}

  static Object parse(byte[] json) {
    try {
      return JsonReader.of(new Buffer().write(json)).readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] write(Object tree) {
    Buffer out = new Buffer();
    try (JsonWriter w = JsonWriter.of(out)) {
      w.setSerializeNulls(true);
      write(w, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.readByteArray();
  }

  private static void write(JsonWriter w, Object v) throws IOException {
    if (v instanceof Map<?, ?> m) {
      w.beginObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        w.name((String) e.getKey());
        write(w, e.getValue());
      }
      w.endObject();
    } else if (v instanceof List<?> l) {
      w.beginArray();
      for (Object o : l) write(w, o);
      w.endArray();
    } else if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      w.value(d.longValue());
    } else if (v instanceof Number n) {
      w.value(n);
    } else if (v instanceof String s) {
      w.value(s);
    } else if (v instanceof Boolean b) {
      w.value(b);
    } else {
      w.nullValue();
    }
  }

  /**
   * Rebuilds the tree bottom-up: {@code f} gets each value with the key it sits under (null in arrays and at the
   * top) and returns its replacement.
   */
  @SuppressWarnings("unchecked")
  static Object map(Object v, String key, BiFunction<String, Object, Object> f) {
    Object rebuilt = v;
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) out.put((String) e.getKey(), map(e.getValue(), (String) e.getKey(), f));
      rebuilt = out;
    } else if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) out.add(map(o, null, f));
      rebuilt = out;
    }
    return f.apply(key, rebuilt);
  }
}
