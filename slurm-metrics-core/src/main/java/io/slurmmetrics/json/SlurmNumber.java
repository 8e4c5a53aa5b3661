package io.slurmmetrics.json;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A number as Slurm reports it: a value, unset (NO_VAL, {@code null}, {@code {"set": false}}) or infinite
 * (INFINITE, {@code -1} in v0.0.38, {@code {"infinite": true}}, {@code "Infinity"}). Read with
 * {@link NumberReader}. Immutable.
 */
public final class SlurmNumber {
  /** Slurm left the value unset. */
  public static final SlurmNumber UNSET = new SlurmNumber(Kind.UNSET, 0, 0, false);
  /** Slurm says unlimited. */
  public static final SlurmNumber INFINITE = new SlurmNumber(Kind.INFINITE, Long.MAX_VALUE,
      Double.POSITIVE_INFINITY, false);

  enum Kind { VALUE, UNSET, INFINITE }

  private final Kind kind;
  private final long longValue;
  private final double doubleValue;
  private final boolean perCpu;

  private SlurmNumber(Kind kind, long longValue, double doubleValue, boolean perCpu) {
    this.kind = kind;
    this.longValue = longValue;
    this.doubleValue = doubleValue;
    this.perCpu = perCpu;
  }

  public static SlurmNumber of(long value) {
    // counts, return codes and ids below a thousand are most numbers of an answer: one instance each (a slurmdb job
    // has ~40 numbers; they were a third of the bytes the accounting reader allocated)
    if (value >= SMALL_MIN && value <= SMALL_MAX) return SMALL[(int) (value - SMALL_MIN)];
    return new SlurmNumber(Kind.VALUE, value, value, false);
  }

  private static final int SMALL_MIN = -128;
  private static final int SMALL_MAX = 1023;
  private static final SlurmNumber[] SMALL = new SlurmNumber[SMALL_MAX - SMALL_MIN + 1];

  static {
    for (int i = 0; i < SMALL.length; i++) SMALL[i] = new SlurmNumber(Kind.VALUE, i + SMALL_MIN, i + SMALL_MIN, false);
  }

  public static SlurmNumber of(double value) {
    return new SlurmNumber(Kind.VALUE, (long) value, value, false);
  }

  /** A memory figure that Slurm flagged (bit 63, MEM_PER_CPU) as per allocated CPU rather than per node. */
  static SlurmNumber perCpu(long value) {
    return new SlurmNumber(Kind.VALUE, value, value, true);
  }

  /** True for a real value (neither unset nor infinite). */
  public boolean isSet() {
    return kind == Kind.VALUE;
  }

  public boolean isUnset() {
    return kind == Kind.UNSET;
  }

  public boolean isInfinite() {
    return kind == Kind.INFINITE;
  }

  /** For memory: true when Slurm's MEM_PER_CPU flag (bit 63) was set; {@link #longValue()} is then per CPU. */
  public boolean isPerCpu() {
    return perCpu;
  }

  /** The value; {@code 0} when unset, {@link Long#MAX_VALUE} when infinite. */
  public long longValue() {
    return longValue;
  }

  /** The value; {@code 0} when unset, positive infinity when infinite. */
  public double doubleValue() {
    return doubleValue;
  }

  /** The value when set, else {@code fallback} (also for infinite). */
  public long orElse(long fallback) {
    return isSet() ? longValue : fallback;
  }

  /** The value when set; empty when unset or infinite. */
  public OptionalLong asOptional() {
    return isSet() ? OptionalLong.of(longValue) : OptionalLong.empty();
  }

  public OptionalDouble asOptionalDouble() {
    return isSet() ? OptionalDouble.of(doubleValue) : OptionalDouble.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SlurmNumber n && n.kind == kind && n.longValue == longValue
        && Double.compare(n.doubleValue, doubleValue) == 0 && n.perCpu == perCpu;
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Long.hashCode(longValue) + (perCpu ? 1 : 0);
  }

  @Override
  public String toString() {
    switch (kind) {
      case UNSET: return "unset";
      case INFINITE: return "infinite";
      default:
        String v = doubleValue == longValue ? Long.toString(longValue) : Double.toString(doubleValue);
        return perCpu ? v + "/cpu" : v;
    }
  }
}
