package io.slurmmetrics.source.rest;

import io.slurmmetrics.json.SlurmResponse;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSourceException;
import java.util.List;
import java.util.OptionalLong;

/**
 * One endpoint's {@code update_time} state for {@link RestSource}: the last list read, the last real
 * {@code last_update} to send back, and whether this slurmrestd turned out not to take {@code update_time}. Apart from
 * the fetching because what an unchanged answer looks like and which failures rule {@code update_time} out are Slurm
 * quirks of their own. Not thread-safe: the caller holds its monitor for a whole read.
 */
final class UpdateTimeCache<T> {
  private List<T> cached;
  private long lastUpdate;
  private boolean disabled;

  /** The {@code last_update} to send as {@code update_time}; empty when only a full read will do. */
  OptionalLong updateTime() {
    return !disabled && cached != null && lastUpdate > 0 ? OptionalLong.of(lastUpdate) : OptionalLong.empty();
  }

  /** The list read last (for a 304 answer). */
  List<T> cached() {
    return cached;
  }

  /**
   * The list an answer to an {@code update_time} query stands for: the previous one when it says nothing changed (200
   * with an empty list and "No job changes since update_time"), else the new one.
   */
  List<T> incremental(SlurmResponse<List<T>> r) {
    if (r.data().isEmpty() && r.unchangedSinceUpdateTime()) return cached;
    return full(r);
  }

  /** Remembers a complete list and its {@code last_update}. */
  List<T> full(SlurmResponse<List<T>> r) {
    cached = r.data();
    // 24.11 answers an unchanged query with last_update 0: keep the last real one
    if (r.lastUpdate().isPresent() && r.lastUpdate().getAsLong() > 0) lastUpdate = r.lastUpdate().getAsLong();
    return r.data();
  }

  /**
   * Whether a failed {@code update_time} query means this Slurm does not take {@code update_time}; if so, it is not
   * sent again. False for a failure to report as such.
   */
  boolean rejectedBy(SlurmSourceException e) {
    // a broken answer (truncated, not JSON, too large) says nothing about update_time: keep using it
    if (e.kind() == ErrorKind.AUTH || e.kind() == ErrorKind.TIMEOUT || e.kind() == ErrorKind.UNREACHABLE
        || e.kind() == ErrorKind.BAD_PAYLOAD) {
      return false;
    }
    // 24.11: 422 for an epoch update_time on v0.0.40/41, 500 "Unable to query partitions" on unchanged nodes
    disabled = true;
    return true;
  }
}
