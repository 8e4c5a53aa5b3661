package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.State;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one state reader: a string ({@code "mixed"}, {@code "IDLE+DRAIN"}, {@code "down*"}) or an array
 * ({@code ["IDLE","DRAIN"]}), plus v0.0.38's separate {@code state_flags}. The base state is the first token that is
 * a known base state; tokens we do not know are kept verbatim as flags (or as the base when nothing else is there),
 * never rejected.
 */
public final class StateReader {
  /** Base states of nodes and jobs in every Slurm from 22.05 to 26.05. */
  public static final Set<String> BASE_STATES = Set.of(
      // nodes
      "UNKNOWN", "DOWN", "IDLE", "ALLOCATED", "ERROR", "MIXED", "FUTURE",
      // jobs
      "PENDING", "RUNNING", "SUSPENDED", "COMPLETED", "CANCELLED", "FAILED", "TIMEOUT", "NODE_FAIL", "PREEMPTED",
      "BOOT_FAIL", "DEADLINE", "OUT_OF_MEMORY");

  /** Flags Slurm 22.05..26.05 is known to report on nodes and jobs. Anything else is kept raw. */
  public static final Set<String> KNOWN_FLAGS = Set.of(
      // node flags
      "NET", "RES", "RESERVED", "UNDRAIN", "CLOUD", "RESUME", "DRAIN", "COMPLETING", "NOT_RESPONDING",
      "POWERED_DOWN", "FAIL", "POWERING_UP", "MAINTENANCE", "MAINT", "REBOOT_REQUESTED", "REBOOT_CANCELED",
      "POWERING_DOWN", "DYNAMIC_FUTURE", "REBOOT_ISSUED", "PLANNED", "INVALID_REG", "POWER_DOWN", "POWER_UP",
      "POWER_DRAIN", "DYNAMIC_NORM", "BLOCKED", "DRAINING", "DRAINED", "PERFCTRS", "EXTERNAL",
      // job flags
      "CONFIGURING", "RESIZING", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "SPECIAL_EXIT", "STOPPED", "REVOKED",
      "RESV_DEL_HOLD", "SIGNALING", "STAGE_OUT", "LAUNCH_FAILED", "UPDATE_DB", "RECONFIG_FAIL", "POWER_UP_NODE",
      "EXPEDITING");

  private StateReader() {}

  /** Reads a state value (string or array); consumes one JSON value. */
  public static State read(JsonReader r) throws IOException {
    return of(tokens(r));
  }

  /** Reads a flags value (array or string) as plain tokens; consumes one JSON value. */
  public static List<String> tokens(JsonReader r) throws IOException {
    List<String> out = new ArrayList<>();
    tokens(r, out);
    return out;
  }

  /** Every known token as Slurm spells it in REST arrays, matched in the reader's buffer (no String per token). */
  private static final String[] KNOWN_TOKENS;
  private static final JsonReader.Options KNOWN_TOKEN_OPTIONS;

  static {
    List<String> all = new ArrayList<>();
    for (Set<String> set : List.of(BASE_STATES, KNOWN_FLAGS)) {
      for (String t : set) {
        // only tokens that split() keeps as they are (not MAINT, which it spells MAINTENANCE)
        if (!all.contains(t) && split(t).equals(List.of(t))) all.add(t);
      }
    }
    KNOWN_TOKENS = all.toArray(new String[0]);
    KNOWN_TOKEN_OPTIONS = JsonReader.Options.of(KNOWN_TOKENS);
  }

  /** {@link #tokens(JsonReader)}, appended to {@code out}. */
  static void tokens(JsonReader r, List<String> out) throws IOException {
    switch (r.peek()) {
      case BEGIN_ARRAY:
        r.beginArray();
        while (r.hasNext()) {
          int known = r.peek() == JsonReader.Token.STRING ? r.selectString(KNOWN_TOKEN_OPTIONS) : -1;
          if (known >= 0) out.add(KNOWN_TOKENS[known]);
          else out.addAll(split(JsonValues.string(r)));
        }
        r.endArray();
        return;
      case NULL:
        r.nextNull();
        return;
      case STRING:
        out.addAll(split(r.nextString()));
        return;
      default:
        r.skipValue();
    }
  }

  /**
   * States already built, by their raw tokens: a queue or node list repeats a handful of states (PENDING, RUNNING,
   * IDLE+DRAIN) thousands of times, and {@link State} is immutable. Bounded: once full, states are built uncached.
   */
  private static final int CACHE_LIMIT = 1024;
  private static final Map<List<String>, State> CACHE = new ConcurrentHashMap<>();

  /** {@link #of(List)}, one shared instance per distinct token list (see {@link #CACHE}). */
  static State canonical(List<String> tokens) {
    State s = CACHE.get(tokens);
    if (s != null) return s;
    s = of(tokens);
    if (CACHE.size() < CACHE_LIMIT) CACHE.putIfAbsent(List.copyOf(tokens), s);
    return s;
  }

  /** Parses a textual state such as {@code mixed}, {@code IDLE+DRAIN}, {@code down*} or {@code drained~}. */
  public static State parse(String text) {
    return of(split(text));
  }

  /** Builds a state from raw tokens in any order. */
  public static State of(List<String> tokens) {
    List<String> norm = new ArrayList<>();
    for (String t : tokens) {
      String u = t.trim().toUpperCase(Locale.ROOT);
      if (!u.isEmpty()) norm.add(u);
    }
    if (norm.isEmpty()) return State.UNKNOWN;
    String base = null;
    for (String t : norm) {
      if (BASE_STATES.contains(t)) {
        base = t;
        break;
      }
    }
    if (base == null) base = norm.get(0);
    Set<String> flags = new LinkedHashSet<>(norm);
    flags.remove(base);
    return new State(base, flags);
  }

  /** True when every token of the state is one Slurm 22.05..26.05 is known to emit. */
  public static boolean isKnown(State state) {
    if (!BASE_STATES.contains(state.base())) return false;
    for (String f : state.flags()) {
      if (!KNOWN_FLAGS.contains(f)) return false;
    }
    return true;
  }

  /** {@code IDLE+DRAIN}, {@code down*} (not responding), {@code idle~} (powered down), ... as tokens. */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) return out;
    for (String part : text.split("\\+")) {
      String t = part.trim();
      if (t.isEmpty()) continue;
      // sinfo's short suffixes: * not responding, ~ powered down, # powering up, % powering down, ! pending power down,
      // $ maintenance, @ pending reboot, ^ rebooting, - planned
      List<String> suffixes = new ArrayList<>();
      while (t.length() > 1 && "*~#%!$@^-".indexOf(t.charAt(t.length() - 1)) >= 0) {
        suffixes.add(suffixFlag(t.charAt(t.length() - 1)));
        t = t.substring(0, t.length() - 1);
      }
      out.add(longName(t));
      out.addAll(suffixes);
    }
    return out;
  }

  /** sinfo's long state names that differ from the REST tokens. */
  private static String longName(String t) {
    String u = t.toUpperCase(Locale.ROOT);
    switch (u) {
      case "ALLOC": return "ALLOCATED";
      case "COMP": return "COMPLETING";
      case "DRNG": case "DRAINING": return "DRAINING";
      case "DRAIN": case "DRAINED": return u;
      case "MIX": return "MIXED";
      case "RESV": return "RESERVED";
      case "MAINT": return "MAINTENANCE";
      case "NPC": return "NOT_RESPONDING";
      default: return u;
    }
  }

  private static String suffixFlag(char c) {
    switch (c) {
      case '*': return "NOT_RESPONDING";
      case '~': return "POWERED_DOWN";
      case '#': return "POWERING_UP";
      case '%': return "POWERING_DOWN";
      case '!': return "POWER_DOWN";
      case '$': return "MAINTENANCE";
      case '@': return "REBOOT_REQUESTED";
      case '^': return "REBOOT_ISSUED";
      default: return "PLANNED";
    }
  }
}
