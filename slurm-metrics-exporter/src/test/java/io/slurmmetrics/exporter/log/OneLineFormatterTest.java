package io.slurmmetrics.exporter.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class OneLineFormatterTest {
  private static LogRecord record(Level level, String msg, Throwable t) {
    LogRecord r = new LogRecord(level, msg);
    r.setInstant(Instant.parse("2026-11-26T06:40:00.123Z"));
    r.setLoggerName("io.slurmmetrics.snapshot.SnapshotRefresher");
    r.setThrown(t);
    return r;
  }

  @Test
  void oneLogfmtLineWithQuotesAndNewlinesEscaped() {
    String line = new OneLineFormatter(false).format(record(Level.WARNING, "nodes: \"bad\"\nanswer", null));
    assertThat(line).isEqualTo("ts=2026-11-26T06:40:00.123Z level=warn logger=SnapshotRefresher "
        + "msg=\"nodes: \\\"bad\\\"\\nanswer\"\n");
  }

  @Test
  void aThrowableIsOneFieldWithoutItsStackUnlessDebugging() {
    IOException e = new IOException("connection refused");
    assertThat(new OneLineFormatter(false).format(record(Level.SEVERE, "refresh failed", e)))
        .endsWith(" err=\"java.io.IOException: connection refused\"\n").hasLineCount(1);
    assertThat(new OneLineFormatter(true).format(record(Level.FINE, "refresh failed", e)))
        .contains("level=debug").contains("\tat ");
  }
}
