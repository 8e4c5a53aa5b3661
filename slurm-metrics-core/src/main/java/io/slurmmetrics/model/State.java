package io.slurmmetrics.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Slurm state as Slurm reports it: one base state plus flags, all upper case tokens.
 *
 * <p>Tokens we have never seen are kept verbatim, never rejected: a newer Slurm adding a state must not break
 * a reader. Used for both nodes ({@code IDLE}+{@code DRAIN}) and jobs ({@code PENDING}, {@code RUNNING}+{@code
 * COMPLETING}).
 */
public record State(String base, Set<String> flags) {

  /** Slurm said nothing usable. */
  public static final State UNKNOWN = new State("UNKNOWN", Set.of());

  /** Upper-cases and trims the tokens; an empty base becomes {@code UNKNOWN}; the base is not repeated as a flag. */
  public State {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(flags, "flags");
    base = base.trim().toUpperCase(Locale.ROOT);
    if (base.isEmpty()) base = "UNKNOWN";
    TreeSet<String> normalised = new TreeSet<>();
    for (String f : flags) {
      String t = f.trim().toUpperCase(Locale.ROOT);
      if (!t.isEmpty() && !t.equals(base)) normalised.add(t);
    }
    flags = Set.copyOf(normalised);
  }

  /** A state from its base and flags. */
  public static State of(String base, String... flags) {
    return new State(base, Set.of(flags));
  }

  /** Whether the flag (any case) is set. */
  public boolean has(String flag) {
    return flags.contains(flag.toUpperCase(Locale.ROOT));
  }

  /** Whether the base state is {@code base} (any case). */
  public boolean is(String base) {
    return this.base.equalsIgnoreCase(base);
  }

  @Override
  public String toString() {
    return flags.isEmpty() ? base : base + "+" + String.join("+", new TreeSet<>(flags));
  }
}
