package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.Reservation;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** One advance reservation ({@code /reservations}, {@code scontrol show reservations --json}). */
final class ReservationReader {
  private ReservationReader() {}

  static Reservation read(JsonReader r, int index) throws IOException {
    String name = null;
    String nodeList = "";
    long nodeCount = -1;
    long coreCount = 0;
    Optional<Instant> start = Optional.empty();
    Optional<Instant> end = Optional.empty();
    Set<String> flags = new LinkedHashSet<>();
    String partition = "";
    String users = "";
    String accounts = "";

    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "name":
          name = JsonValues.string(r);
          break;
        case "node_list":
          nodeList = JsonValues.string(r);
          break;
        case "node_count":
          nodeCount = NumberReader.read(r).orElse(-1);
          break;
        case "core_count":
          coreCount = NumberReader.read(r).orElse(0);
          break;
        case "start_time":
          start = JsonValues.time(r);
          break;
        case "end_time":
          end = JsonValues.time(r);
          break;
        case "flags":
          for (String f : StateReader.tokens(r)) flags.add(f.toUpperCase(Locale.ROOT));
          break;
        case "partition":
          partition = JsonValues.string(r);
          break;
        case "users":
          users = JsonValues.string(r);
          break;
        case "accounts":
          accounts = JsonValues.string(r);
          break;
        default:
          r.skipValue();
      }
    }
    r.endObject();
    if (name == null || name.isEmpty()) throw PayloadError.missing("name", "reservations[" + index + "]");
    List<String> nodes = Hostlist.expand(nodeList);
    return new Reservation(name, nodes, JsonValues.toInt(nodeCount >= 0 ? nodeCount : nodes.size()),
        JsonValues.toInt(coreCount), start.orElse(Instant.EPOCH), end.orElse(Instant.EPOCH), flags, partition,
        users, accounts);
  }
}
