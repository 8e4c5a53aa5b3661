package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code pings[]}: v0.0.38 {@code "ping": "UP"}, v0.0.40-44 {@code "pinged": "UP"} and {@code "responding"}, v0.0.45
 * {@code "responding"} and {@code "status"} without {@code pinged}/{@code mode}. True when any controller answers.
 */
final class PingReader {
  private PingReader() {}

  static boolean readAnyResponding(JsonReader r) throws IOException {
    boolean any = false;
    if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
      throw new PayloadError("'pings' is " + r.peek() + ", expected an array");
    }
    r.beginArray();
    while (r.hasNext()) {
      if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
        r.skipValue();
        continue;
      }
      Boolean responding = null;
      String ping = "";
      r.beginObject();
      while (r.hasNext()) {
        switch (r.nextName()) {
          case "responding":
            responding = JsonValues.bool(r);
            break;
          case "ping":
          case "pinged":
            ping = JsonValues.string(r);
            break;
          default:
            r.skipValue();
        }
      }
      r.endObject();
      boolean up = responding != null ? responding : ping.toUpperCase(Locale.ROOT).equals("UP");
      any |= up;
    }
    r.endArray();
    return any;
  }
}
