package io.slurmmetrics.testkit;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers slurmrestd paths from a {@link FixtureSet}: {@code /slurm/v0.0.38/nodes} is served from
 * {@code rest/v0.0.38/slurm/nodes.json}. An API version the set does not hold gets the recorded
 * {@code errors/unknown-version} answer (slurmrestd's plain-text 404). A request carrying {@code update_time} gets
 * the recorded "unchanged" answer where one exists ({@code <endpoint>-unchanged.json} with 200, else
 * {@code errors/update-time-unchanged-<endpoint>}, e.g. 304), otherwise the full list. {@code /slurmdb/.../jobs} with
 * {@code state=RUNNING} gets the recorded running jobs with their steps ({@code jobs-running.json}) where recorded.
 * Thread-safe.
 */
public final class FixtureResponder implements Responder {
  private static final Pattern PATH = Pattern.compile("^/(slurm|slurmdb)/(v\\d+\\.\\d+\\.\\d+)/(.+?)/?$");

  private final FixtureSet set;

  /** Serves {@code set}. */
  public FixtureResponder(FixtureSet set) {
    this.set = Objects.requireNonNull(set, "set");
  }

  /** The fixture set served. */
  public FixtureSet fixtureSet() {
    return set;
  }

  @Override
  public FakeResponse respond(FakeRequest request) {
    Matcher m = PATH.matcher(request.path());
    if (!m.matches()) return null;
    String plugin = m.group(1);
    String api = m.group(2);
    String endpoint = m.group(3).replace('/', '-');
    if (!set.apiVersions().contains(api)) return unknownVersion();
    if (request.queryParameter("update_time").isPresent()) {
      Optional<byte[]> unchanged = set.rest(api, plugin, endpoint + "-unchanged");
      if (unchanged.isPresent()) return FakeResponse.json(unchanged.get());
      Optional<FixtureSet.RecordedResponse> recorded = set.errorCase("update-time-unchanged-" + endpoint);
      if (recorded.isPresent()) return FakeResponse.guess(recorded.get().status(), recorded.get().body());
    }
    if (plugin.equals("slurmdb") && endpoint.equals("jobs")
        && request.queryParameter("state").filter(st -> st.equalsIgnoreCase("RUNNING")).isPresent()) {
      Optional<byte[]> running = set.rest(api, plugin, "jobs-running");
      if (running.isPresent()) return FakeResponse.json(running.get());
    }
    return set.rest(api, plugin, endpoint).map(FakeResponse::json).orElse(null);
  }

  /** The recorded answer to a bad token on {@code /slurm} or {@code /slurmdb}, if this version has one. */
  Optional<FakeResponse> badToken(String path) {
    String name = path.startsWith("/slurmdb/") ? "bad-token-slurmdb" : "bad-token-slurm";
    return set.errorCase(name).map(r -> FakeResponse.guess(r.status(), r.body()));
  }

  private FakeResponse unknownVersion() {
    return set.errorCase("unknown-version")
        .map(r -> FakeResponse.guess(r.status(), r.body()))
        .orElse(FakeSlurmrestd.NOT_FOUND);
  }
}
