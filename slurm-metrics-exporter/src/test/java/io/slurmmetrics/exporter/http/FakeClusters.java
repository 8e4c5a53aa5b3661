package io.slurmmetrics.exporter.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Two named clusters whose readiness the test sets. */
final class FakeClusters implements ClusterSelection {
  volatile boolean ready;

  @Override
  public List<View> views() {
    List<View> v = new ArrayList<>();
    v.add(new View("alpha", "rest http://a:6820", ready, ready, Optional.of(Instant.EPOCH), Optional.empty()));
    v.add(new View("beta", "cli", ready, false, Optional.empty(), Optional.of("cli nodes: unreachable: <boom>")));
    return v;
  }

  @Override
  public boolean knows(String name) {
    return name.equals("alpha") || name.equals("beta");
  }

  @Override
  public boolean ready() {
    return ready;
  }
}
