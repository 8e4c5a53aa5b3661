package io.slurmmetrics.metrics;

import io.slurmmetrics.model.State;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The state names Slurm's own tools print, derived from a base state plus flags the way Slurm does it, so that our
 * {@code state} labels count the same as {@code sinfo -N -o %T} and {@code squeue -o %T}.
 *
 * <p>Node names follow Slurm's {@code node_state_string()} (what sinfo's {@code %T} prints), lower case and without
 * the one-character suffixes ({@code *~#!%$@^-+}): IDLE+DRAIN is {@code drained}, MIXED+DRAIN {@code draining},
 * IDLE+POWERED_DOWN {@code idle}, a node with INVALID_REG {@code inval}, IDLE+RESERVED {@code reserved}.
 */
public final class SlurmStates {
  private SlurmStates() {}

  /** sinfo's long node state name ({@code %T}) without suffix, lower case. */
  public static String nodeState(State state) {
    Set<String> f = normalisedNodeFlags(state);
    String base = normalisedNodeBase(state, f);
    boolean comp = f.contains("COMPLETING");
    boolean drain = f.contains("DRAIN");
    boolean fail = f.contains("FAIL");
    boolean maint = f.contains("MAINTENANCE");
    boolean net = f.contains("PERFCTRS");
    boolean reboot = f.contains("REBOOT_REQUESTED");
    boolean rebootIssued = f.contains("REBOOT_ISSUED");
    boolean res = f.contains("RESERVED");
    boolean resume = f.contains("RESUME");
    boolean planned = f.contains("PLANNED");
    boolean allocLike = base.equals("ALLOCATED") || base.equals("MIXED");

    if (f.contains("INVALID_REG")) return "inval";
    if (maint && !(drain || allocLike || base.equals("DOWN"))) return "maint";
    if ((reboot || rebootIssued) && !allocLike) return "reboot";
    if (drain) return comp || allocLike ? "draining" : "drained";
    if (fail) return comp || base.equals("ALLOCATED") ? "failing" : "fail";
    // a flag alone on an UNKNOWN base is printed as the flag's name
    if (base.equals("UNKNOWN") && f.size() == 1) {
      String only = f.iterator().next();
      switch (only) {
        case "REBOOT_ISSUED": return "reboot_issued";
        case "REBOOT_CANCELED": return "cancel_reboot";
        case "CLOUD": return "cloud";
        case "POWER_DOWN": return "power_down";
        case "POWER_UP": return "power_up";
        case "POWERING_DOWN": return "powering_down";
        case "POWERED_DOWN": return "powered_down";
        case "POWERING_UP": return "powering_up";
        default: break;
      }
    }
    switch (base) {
      case "DOWN": return "down";
      case "ALLOCATED": return "allocated";
      default: break;
    }
    if (comp) return "completing";
    switch (base) {
      case "IDLE":
        if (maint || rebootIssued || reboot || f.contains("POWERING_UP") || f.contains("POWERING_DOWN")
            || f.contains("POWERED_DOWN") || f.contains("POWER_DOWN") || f.contains("NOT_RESPONDING")) {
          return "idle";
        }
        if (net) return "perfctrs";
        if (res) return "reserved";
        if (planned) return "planned";
        return "idle";
      case "MIXED": return "mixed";
      case "FUTURE": return "future";
      default: break;
    }
    if (resume) return "resume";
    if (base.equals("UNKNOWN")) return "unknown";
    return base.toLowerCase(Locale.ROOT); // a base state newer than us: shown as Slurm names it
  }

  /** squeue's job state name ({@code %T}), lower case: flags such as COMPLETING win over the base state. */
  public static String jobState(State state) {
    for (String flag : JOB_FLAG_ORDER) {
      if (state.has(flag)) return flag.toLowerCase(Locale.ROOT);
    }
    return state.base().toLowerCase(Locale.ROOT);
  }

  /** The job flags job_state_string() checks, in its order. */
  private static final String[] JOB_FLAG_ORDER = {"COMPLETING", "STAGE_OUT", "CONFIGURING", "RESIZING", "REQUEUED",
      "REQUEUE_FED", "REQUEUE_HOLD", "SPECIAL_EXIT", "STOPPED", "REVOKED", "RESV_DEL_HOLD", "SIGNALING"};

  /** Spellings vary by source (REST tokens, sinfo text): one vocabulary for the derivation above. */
  private static Set<String> normalisedNodeFlags(State state) {
    Set<String> out = new HashSet<>();
    for (String t : state.flags()) out.add(flagName(t));
    String b = state.base();
    if (b.equals("DRAINED") || b.equals("DRAINING") || b.equals("DRAIN")) out.add("DRAIN");
    if (b.equals("DRAINING") || b.equals("COMPLETING")) out.add("COMPLETING");
    if (b.equals("INVAL") || b.equals("INVALID")) out.add("INVALID_REG");
    if (b.equals("MAINT") || b.equals("MAINTENANCE")) out.add("MAINTENANCE");
    if (b.equals("RESERVED")) out.add("RESERVED");
    if (b.equals("PLANNED")) out.add("PLANNED");
    if (b.equals("FAIL")) out.add("FAIL");
    if (b.equals("FAILING")) {
      out.add("FAIL");
      out.add("COMPLETING");
    }
    if (b.equals("REBOOT")) out.add("REBOOT_REQUESTED");
    if (b.equals("POWERED_DOWN") || b.equals("POWER_DOWN") || b.equals("POWERING_UP") || b.equals("POWERING_DOWN")
        || b.equals("CLOUD") || b.equals("REBOOT_ISSUED") || b.equals("POWER_UP") || b.equals("RESUME")) {
      out.add(b);
    }
    return out;
  }

  private static String normalisedNodeBase(State state, Set<String> flags) {
    String b = state.base();
    switch (b) {
      case "DOWN": case "IDLE": case "ALLOCATED": case "MIXED": case "FUTURE": case "UNKNOWN": case "ERROR":
        return b;
      case "DRAINED": case "DRAIN": case "RESERVED": case "PLANNED": case "MAINT": case "MAINTENANCE": case "FAIL":
        return "IDLE";
      case "DRAINING": case "FAILING":
        return "ALLOCATED";
      case "COMPLETING":
        return "IDLE";
      case "ALLOC":
        return "ALLOCATED";
      case "MIX":
        return "MIXED";
      default:
        return flags.isEmpty() ? b : "UNKNOWN".equals(b) ? b : isFlagLike(b) ? "UNKNOWN" : b;
    }
  }

  private static boolean isFlagLike(String b) {
    return switch (b) {
      case "POWERED_DOWN", "POWER_DOWN", "POWERING_UP", "POWERING_DOWN", "CLOUD", "REBOOT_ISSUED", "POWER_UP",
          "RESUME", "INVAL", "INVALID", "REBOOT" -> true;
      default -> false;
    };
  }

  private static String flagName(String t) {
    return switch (t) {
      case "MAINT" -> "MAINTENANCE";
      case "NET" -> "PERFCTRS";
      case "RES" -> "RESERVED";
      case "NO_RESPOND" -> "NOT_RESPONDING";
      case "DRAINED", "DRAINING" -> "DRAIN";
      case "REBOOT" -> "REBOOT_REQUESTED";
      case "CANCEL_REBOOT" -> "REBOOT_CANCELED";
      default -> t;
    };
  }
}
