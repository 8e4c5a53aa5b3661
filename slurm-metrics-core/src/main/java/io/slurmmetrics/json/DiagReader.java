package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.SchedulerStats;
import io.slurmmetrics.model.SchedulerStats.RpcStat;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code statistics} object of {@code /diag} or {@code sdiag --json}. Slurm's times are microseconds. */
final class DiagReader {
  private DiagReader() {}

  static SchedulerStats read(JsonReader r) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new PayloadError("'statistics' is " + r.peek() + ", expected an object");
    }
    Map<String, SlurmNumber> n = new HashMap<>();
    List<RpcStat> byType = new ArrayList<>();
    List<RpcStat> byUser = new ArrayList<>();
    r.beginObject();
    while (r.hasNext()) {
      String key = r.nextName();
      switch (key) {
        case "rpcs_by_message_type":
          readRpcs(r, byType, "message_type");
          break;
        case "rpcs_by_user":
          readRpcs(r, byUser, "user");
          break;
        default:
          JsonReader.Token t = r.peek();
          if (t == JsonReader.Token.NUMBER || t == JsonReader.Token.STRING || t == JsonReader.Token.BEGIN_OBJECT
              || t == JsonReader.Token.NULL) {
            try {
              n.put(key, NumberReader.read(r));
            } catch (NumberFormatException e) {
              n.put(key, SlurmNumber.UNSET); // a string we do not need
            }
          } else {
            r.skipValue();
          }
      }
    }
    r.endObject();
    Optional<Instant> since = Optional.empty();
    long start = get(n, "req_time_start");
    if (start > 0) since = Optional.of(Instant.ofEpochSecond(start));
    return new SchedulerStats(
        (int) get(n, "server_thread_count"),
        (int) get(n, "agent_queue_size"),
        (int) get(n, "agent_count"),
        (int) get(n, "agent_thread_count"),
        (int) get(n, "dbd_agent_queue_size"),
        get(n, "jobs_submitted"),
        get(n, "jobs_started"),
        get(n, "jobs_completed"),
        get(n, "jobs_canceled"),
        get(n, "jobs_failed"),
        get(n, "jobs_pending"),
        get(n, "jobs_running"),
        micros(n, "schedule_cycle_last"),
        micros(n, "schedule_cycle_max"),
        micros(n, "schedule_cycle_mean"),
        dbl(n, "schedule_cycle_mean_depth"),
        dbl(n, "schedule_cycle_per_minute"),
        get(n, "schedule_cycle_total"),
        get(n, "bf_cycle_counter"),
        micros(n, "bf_cycle_last"),
        micros(n, "bf_cycle_max"),
        micros(n, "bf_cycle_mean"),
        get(n, "bf_last_depth"),
        dbl(n, "bf_depth_mean"),
        get(n, "bf_backfilled_jobs"),
        since,
        byType,
        byUser);
  }

  private static long get(Map<String, SlurmNumber> n, String key) {
    SlurmNumber v = n.get(key);
    return v == null ? 0 : v.orElse(0);
  }

  private static double dbl(Map<String, SlurmNumber> n, String key) {
    SlurmNumber v = n.get(key);
    return v == null || !v.isSet() ? 0 : v.doubleValue();
  }

  private static double micros(Map<String, SlurmNumber> n, String key) {
    return dbl(n, key) / 1_000_000.0;
  }

  private static void readRpcs(JsonReader r, List<RpcStat> into, String nameKey) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
      r.skipValue();
      return;
    }
    r.beginArray();
    while (r.hasNext()) {
      if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
        r.skipValue();
        continue;
      }
      String name = "";
      long count = 0;
      double total = 0;
      r.beginObject();
      while (r.hasNext()) {
        String key = r.nextName();
        if (key.equals(nameKey) || (key.equals("type") && name.isEmpty())) {
          name = JsonValues.string(r);
        } else if (key.equals("count")) {
          count = NumberReader.read(r).orElse(0);
        } else if (key.equals("total_time")) {
          total = NumberReader.read(r).orElse(0) / 1_000_000.0;
        } else {
          r.skipValue();
        }
      }
      r.endObject();
      if (!name.isEmpty()) into.add(new RpcStat(name, count, total));
    }
    r.endArray();
  }
}
