package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads a response's top level: {@code meta}, {@code errors}, {@code warnings}, {@code last_update}, and hands every
 * other top-level key to the endpoint's data reader. Keys may come in any order (v0.0.40+ puts the data first).
 */
final class Envelope {
  /** Reads one top-level value; returns false when the key is not the endpoint's (it is then skipped). */
  interface DataReader {
    boolean read(String name, JsonReader r) throws IOException;
  }

  ResponseMeta meta = ResponseMeta.EMPTY;
  final List<SlurmMessage> errors = new ArrayList<>();
  final List<SlurmMessage> warnings = new ArrayList<>();
  OptionalLong lastUpdate = OptionalLong.empty();

  void read(JsonReader r, DataReader data) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new PayloadError("expected a JSON object at the top level, found " + r.peek());
    }
    r.beginObject();
    while (r.hasNext()) {
      String name = r.nextName();
      if (!readOwn(name, r) && !data.read(name, r)) r.skipValue();
    }
    r.endObject();
  }

  /** Whether {@code name} is one of the envelope's keys, read by {@link #readOwn}. */
  static boolean isOwn(String name) {
    return name.equals("meta") || name.equals("errors") || name.equals("warnings") || name.equals("last_update");
  }

  /** Reads the value of {@code name} when it is one of the envelope's keys; false (nothing read) otherwise. */
  boolean readOwn(String name, JsonReader r) throws IOException {
    switch (name) {
      case "meta":
        meta = readMeta(r);
        return true;
      case "errors":
        readMessages(r, errors);
        return true;
      case "warnings":
        readMessages(r, warnings);
        return true;
      case "last_update":
        SlurmNumber n = NumberReader.read(r);
        lastUpdate = n.isSet() ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
        return true;
      default:
        return false;
    }
  }

  private static ResponseMeta readMeta(JsonReader r) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
      r.skipValue();
      return ResponseMeta.EMPTY;
    }
    String release = "";
    String cluster = "";
    String pluginType = "";
    String dataParser = "";
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "Slurm":
        case "slurm":
          if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
            r.skipValue();
            break;
          }
          String major = "";
          String minor = "";
          String micro = "";
          r.beginObject();
          while (r.hasNext()) {
            switch (r.nextName()) {
              case "release":
                release = JsonValues.string(r);
                break;
              case "cluster":
                cluster = JsonValues.string(r);
                break;
              case "version":
                if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
                  r.skipValue();
                  break;
                }
                r.beginObject();
                while (r.hasNext()) {
                  switch (r.nextName()) {
                    case "major": major = JsonValues.string(r); break;
                    case "minor": minor = JsonValues.string(r); break;
                    case "micro": micro = JsonValues.string(r); break;
                    default: r.skipValue();
                  }
                }
                r.endObject();
                break;
              default:
                r.skipValue();
            }
          }
          r.endObject();
          if (release.isEmpty() && !major.isEmpty()) {
            release = major + "." + (minor.length() == 1 ? "0" + minor : minor) + (micro.isEmpty() ? "" : "." + micro);
          }
          break;
        case "plugin":
        case "plugins":
          if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
            r.skipValue();
            break;
          }
          r.beginObject();
          while (r.hasNext()) {
            switch (r.nextName()) {
              case "type": pluginType = JsonValues.string(r); break;
              case "data_parser": dataParser = JsonValues.string(r); break;
              default: r.skipValue();
            }
          }
          r.endObject();
          break;
        default:
          r.skipValue();
      }
    }
    r.endObject();
    return new ResponseMeta(release, cluster, pluginType, dataParser);
  }

  private static void readMessages(JsonReader r, List<SlurmMessage> into) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
      r.skipValue();
      return;
    }
    r.beginArray();
    while (r.hasNext()) {
      if (r.peek() == JsonReader.Token.STRING) {
        into.add(new SlurmMessage(0, r.nextString(), "", ""));
        continue;
      }
      if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
        r.skipValue();
        continue;
      }
      int errno = 0;
      String error = "";
      String description = "";
      String source = "";
      r.beginObject();
      while (r.hasNext()) {
        switch (r.nextName()) {
          case "errno":
          case "error_number":
          case "error_code":
          case "errno_code":
            errno = JsonValues.toInt(NumberReader.read(r).orElse(-1));
            break;
          case "error":
            error = JsonValues.string(r);
            break;
          case "description":
            description = JsonValues.string(r);
            break;
          case "source":
            source = JsonValues.string(r);
            break;
          default:
            r.skipValue();
        }
      }
      r.endObject();
      into.add(new SlurmMessage(errno, error, description, source));
    }
    r.endArray();
  }

  /** Reads an array of objects, item by item; anything else where the array belongs is a payload error. */
  interface ItemReader {
    void read(JsonReader r, int index) throws IOException;
  }

  static void forEach(JsonReader r, String key, ItemReader item) throws IOException {
    if (r.peek() == JsonReader.Token.NULL) {
      r.nextNull();
      return;
    }
    if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
      throw new PayloadError("'" + key + "' is " + r.peek() + ", expected an array");
    }
    r.beginArray();
    int i = 0;
    while (r.hasNext()) {
      if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw new PayloadError(key + "[" + i + "] is " + r.peek() + ", expected an object");
      }
      item.read(r, i++);
    }
    r.endArray();
  }
}
