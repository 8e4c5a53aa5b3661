package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.Partition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One partition. v0.0.38 is flat ({@code nodes} a hostlist, {@code total_cpus}, {@code total_nodes},
 * {@code state}, {@code flags: ["default"]}); v0.0.39+ nests ({@code nodes.configured}, {@code nodes.total},
 * {@code cpus.total}, {@code partition.state}). Both are read by shape.
 */
final class PartitionReader {
  private PartitionReader() {}

  static Partition read(JsonReader r, int index) throws IOException {
    String name = null;
    List<String> state = new ArrayList<>();
    String nodes = "";
    long totalCpus = 0;
    long totalNodes = -1;
    boolean isDefault = false;

    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "name":
          name = JsonValues.string(r);
          break;
        case "state":
          state = StateReader.tokens(r);
          break;
        case "nodes":
          if (r.peek() == JsonReader.Token.BEGIN_OBJECT) {
            r.beginObject();
            while (r.hasNext()) {
              switch (r.nextName()) {
                case "configured":
                case "nodes":
                  nodes = JsonValues.string(r);
                  break;
                case "total":
                  totalNodes = NumberReader.read(r).orElse(-1);
                  break;
                default:
                  r.skipValue();
              }
            }
            r.endObject();
          } else {
            nodes = JsonValues.string(r);
          }
          break;
        case "total_cpus":
          totalCpus = NumberReader.read(r).orElse(0);
          break;
        case "total_nodes":
          totalNodes = NumberReader.read(r).orElse(-1);
          break;
        case "cpus":
          if (r.peek() == JsonReader.Token.BEGIN_OBJECT) {
            r.beginObject();
            while (r.hasNext()) {
              if (r.nextName().equals("total")) totalCpus = NumberReader.read(r).orElse(0);
              else r.skipValue();
            }
            r.endObject();
          } else {
            totalCpus = NumberReader.read(r).orElse(0);
          }
          break;
        case "partition": // v0.0.39+: {"state": ["UP"]}
          if (r.peek() == JsonReader.Token.BEGIN_OBJECT) {
            r.beginObject();
            while (r.hasNext()) {
              String key = r.nextName();
              if (key.equals("state")) state = StateReader.tokens(r);
              else if (key.equals("flags")) isDefault |= hasDefault(StateReader.tokens(r));
              else r.skipValue();
            }
            r.endObject();
          } else {
            r.skipValue();
          }
          break;
        case "flags":
          isDefault |= hasDefault(StateReader.tokens(r));
          break;
        case "default":
          isDefault |= JsonValues.bool(r);
          break;
        default:
          r.skipValue();
      }
    }
    r.endObject();
    if (name == null || name.isEmpty()) throw PayloadError.missing("name", "partitions[" + index + "]");

    List<String> nodeNames = Hostlist.expand(nodes);
    String st = state.isEmpty() ? "UNKNOWN" : state.get(0).toUpperCase(Locale.ROOT);
    return new Partition(name, st, nodeNames, JsonValues.toInt(totalCpus),
        JsonValues.toInt(totalNodes >= 0 ? totalNodes : nodeNames.size()), isDefault);
  }

  private static boolean hasDefault(List<String> flags) {
    for (String f : flags) {
      if (f.equalsIgnoreCase("default")) return true;
    }
    return false;
  }
}
