package io.slurmmetrics.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefreshLoggingTest {
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public synchronized void publish(LogRecord r) {
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger root = Logger.getLogger("");
  private final FakeSlurmSource source = new FakeSlurmSource();
  private SnapshotRefresher refresher;

  @BeforeEach
  void captureLogs() {
    root.addHandler(capture);
  }

  @AfterEach
  void release() {
    root.removeHandler(capture);
    if (refresher != null) refresher.close();
  }

  private synchronized List<String> linesAtInfoOrAbout(String endpoint) {
    List<String> out = new ArrayList<>();
    for (LogRecord r : records) {
      if (r.getLevel().intValue() >= Level.INFO.intValue() && r.getMessage().contains(endpoint)) {
        out.add(r.getMessage());
      }
    }
    return out;
  }

  private void refreshTimes(int n) throws Exception {
    for (int i = 0; i < n; i++) refresher.refresh().get(20, TimeUnit.SECONDS);
  }

  @Test
  void anEndpointThisSlurmCannotServeIsLoggedOnceNotOnEveryRefresh() throws Exception {
    source.fail(Endpoint.SHARES, ErrorKind.UNSUPPORTED);
    refresher = SnapshotRefresher.builder().source(source)
        .endpoints(EnumSet.of(Endpoint.PING, Endpoint.NODES, Endpoint.SHARES)).build();

    refreshTimes(3);

    assertThat(linesAtInfoOrAbout("shares")).hasSize(1);
    assertThat(refresher.latest().orElseThrow().result(Endpoint.SHARES).orElseThrow().isOk()).isFalse();
  }

  @Test
  void aRealFailureIsLoggedOnEveryRefresh() throws Exception {
    source.fail(Endpoint.NODES, ErrorKind.UNREACHABLE);
    refresher = SnapshotRefresher.builder().source(source)
        .endpoints(EnumSet.of(Endpoint.PING, Endpoint.NODES)).build();

    refreshTimes(3);

    assertThat(linesAtInfoOrAbout("nodes")).hasSize(3);
  }
}
