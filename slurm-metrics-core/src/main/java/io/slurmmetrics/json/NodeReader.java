package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** One node of {@code /nodes}, {@code sinfo --json} (22.05) or {@code scontrol show nodes --json}. */
final class NodeReader {
  private static final long MIB = 1024L * 1024L;

  /** The keys we read, by index into {@link #TABLE}. */
  private static final String[] KEYS = {
      "name", "state", "state_flags", "reason", "cpus", "alloc_cpus",
      "cpu_load", "real_memory", "alloc_memory", "free_mem", "free_memory", "gres",
      "gres_used", "partitions", "features", "active_features"};
  /** Every other key Slurm 22.05..26.05 sends in this object: skipped without becoming a String. */
  private static final KeyTable TABLE = new KeyTable(List.of(KEYS), List.of(
      "address", "alloc_idle_cpus", "architecture", "boards", "boot_time", "burstbuffer_network_address",
      "cert_flags", "cluster_name", "comment", "cores", "cpu_binding", "effective_cpus", "energy", "external_sensors",
      "extra", "gpu_spec", "gres_drained", "hostname", "idle_cpus", "instance_id", "instance_type", "last_busy",
      "mcs_label", "next_state_after_reboot", "next_state_after_reboot_flags", "operating_system", "owner", "port",
      "power", "reason_changed_at", "reason_set_by_user", "res_cores_per_gpu", "reservation", "resume_after",
      "slurmd_start_time", "slurmd_version", "sockets", "specialized_cores", "specialized_cpus", "specialized_memory",
      "suspend_time", "temporary_disk", "threads", "tls_cert_last_renewal", "topology", "tres", "tres_used",
      "tres_weighted", "version", "weight"));

  private NodeReader() {}

  static Node read(JsonReader r, int index) throws IOException {
    String name = null;
    List<String> stateTokens = new ArrayList<>(4);
    String reason = "";
    long cpus = 0;
    long allocCpus = 0;
    SlurmNumber cpuLoad = SlurmNumber.UNSET;
    long realMemory = 0;
    long allocMemory = 0;
    SlurmNumber freeMemory = SlurmNumber.UNSET;
    Map<String, Long> gres = Map.of();
    Map<String, Long> gresUsed = Map.of();
    List<String> partitions = List.of();
    List<String> features = null;
    List<String> activeFeatures = List.of();

    KeyTable.Cursor keys = TABLE.cursor();
    r.beginObject();
    while (r.hasNext()) {
      int key = keys.next(r);
      if (key < 0) {
        r.skipValue();
        continue;
      }
      switch (KEYS[key]) {
        case "name":
          name = JsonValues.string(r);
          break;
        case "state":
        case "state_flags": // v0.0.37/38: flags apart from the base state
          StateReader.tokens(r, stateTokens);
          break;
        case "reason":
          reason = JsonValues.string(r);
          break;
        case "cpus":
          cpus = NumberReader.readLong(r, 0);
          break;
        case "alloc_cpus":
          allocCpus = NumberReader.readLong(r, 0);
          break;
        case "cpu_load": // load x 100 in every version
          cpuLoad = NumberReader.read(r);
          break;
        case "real_memory":
          realMemory = NumberReader.readLong(r, 0);
          break;
        case "alloc_memory":
          allocMemory = NumberReader.readLong(r, 0);
          break;
        case "free_mem": // v0.0.39+
        case "free_memory": // v0.0.37/38
          freeMemory = NumberReader.read(r);
          break;
        case "gres":
          gres = GresParser.parse(JsonValues.string(r));
          break;
        case "gres_used":
          gresUsed = GresParser.parse(JsonValues.string(r));
          break;
        case "partitions":
          partitions = JsonValues.strings(r);
          break;
        case "features":
          features = JsonValues.strings(r);
          break;
        case "active_features":
          activeFeatures = JsonValues.strings(r);
          break;
        default:
          r.skipValue();
      }
    }
    r.endObject();
    if (name == null || name.isEmpty()) throw PayloadError.missing("name", "nodes[" + index + "]");

    // used GRES of a type the node does not have configured ("gpu:0" on a CPU node) is noise, not a resource
    Map<String, Long> used = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Long> e : gresUsed.entrySet()) {
      if (e.getValue() > 0 || gres.containsKey(e.getKey())) used.put(e.getKey(), e.getValue());
    }
    return Node.builder(name)
        .state(StateReader.canonical(stateTokens))
        .reason(reason)
        .cpusTotal(JsonValues.toInt(cpus))
        .cpusAllocated(JsonValues.toInt(allocCpus))
        .cpuLoad(cpuLoad.isSet() ? OptionalDouble.of(cpuLoad.doubleValue() / 100.0) : OptionalDouble.empty())
        .memoryTotalBytes(realMemory * MIB)
        .memoryAllocatedBytes(allocMemory * MIB)
        .memoryFreeBytes(freeMemory.isSet() && freeMemory.longValue() >= 0
            ? OptionalLong.of(freeMemory.longValue() * MIB) : OptionalLong.empty())
        .gresTotal(gres)
        .gresUsed(used)
        .partitions(partitions)
        .features(features != null ? features : activeFeatures)
        .build();
  }
}
