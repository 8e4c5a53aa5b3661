package io.slurmmetrics.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.metrics.LabelValues;
import io.slurmmetrics.metrics.MetricCatalog;
import io.slurmmetrics.metrics.MetricDefinition;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.License;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.Reservation;
import io.slurmmetrics.model.State;
import io.slurmmetrics.testkit.exposition.Exposition;
import io.slurmmetrics.testkit.lab.SlurmLab;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.opentest4j.TestAbortedException;

/**
 * Exposition validity under hostile names: 40 batches of 250 random clusters (10,000 cases), every name of each (cluster,
 * partition, node, node reason, job, user, account, pending reason, reservation, license) drawn from
 * {@link HostileStrings}. Each batch goes through {@link SlurmMetrics#combined} as one exposition with one
 * {@code cluster} label per case, which must pass {@code promtool check metrics} (Debian's prometheus package) and
 * re-parse with the testkit's parser to the generated values under the label values the documented sanitising rule
 * gives.
 */
class ExpositionPropertyTest {
  static final int BATCH = 250;
  static final int BATCHES = 40;
  static final AtomicInteger CHECKED = new AtomicInteger();
  static final Set<CollectorGroup> GROUPS = EnumSet.of(CollectorGroup.PARTITION, CollectorGroup.CLUSTER,
      CollectorGroup.NODES, CollectorGroup.NODE, CollectorGroup.JOBS, CollectorGroup.USER, CollectorGroup.ACCOUNT,
      CollectorGroup.RESERVATION, CollectorGroup.LICENSE);

  record JobSpec(String name, String user, String account, String reason, boolean running, int cpus) {}

  record Case(String cluster, String partition, String node, String nodeReason, int nodeCpus, List<JobSpec> jobs,
      String reservation, int reservationCores, String license, int licenseTotal) {}

  @Provide
  Arbitrary<List<Case>> batches() {
    Arbitrary<String> name = HostileStrings.names();
    Arbitrary<JobSpec> job = Combinators.combine(name, name, name, name, Arbitraries.of(true, false),
        Arbitraries.integers().between(1, 256)).as(JobSpec::new);
    Arbitrary<Case> c = Combinators.combine(name, name, name, name, Arbitraries.integers().between(1, 512),
        job.list().ofMinSize(1).ofMaxSize(3), name, Arbitraries.integers().between(0, 4096))
        .as((cluster, partition, node, reason, cpus, jobs, resv, cores) -> new Case(cluster, partition, node, reason,
            cpus, jobs, resv, cores, "", 0));
    return Combinators.combine(c, name, Arbitraries.integers().between(0, 100_000))
        .as((k, license, total) -> new Case(k.cluster(), k.partition(), k.node(), k.nodeReason(), k.nodeCpus(),
            k.jobs(), k.reservation(), k.reservationCores(), license, total))
        .list().ofSize(BATCH);
  }

  @Property(tries = BATCHES)
  void everyExpositionPassesPromtoolAndReparsesToTheGeneratedValues(@ForAll("batches") List<Case> cases)
      throws Exception {
    Path promtool = promtool();
    List<SlurmMetrics> clusters = new ArrayList<>();
    try {
      for (int i = 0; i < cases.size(); i++) clusters.add(metrics(i, cases.get(i)));
      for (SlurmMetrics m : clusters) m.collect(Duration.ofSeconds(10)); // one refresh each, as a first scrape
      MetricSnapshots snapshots = SlurmMetrics.combined(clusters).collect();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create().write(out, snapshots);
      byte[] bytes = out.toByteArray();

      // valid UTF-8 throughout: a strict decoder throws CharacterCodingException on any malformed byte
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
      assertPromtoolAccepts(promtool, bytes);
      Exposition e = Exposition.parse(new String(bytes, StandardCharsets.UTF_8));
      Map<String, List<Exposition.Sample>> byCluster = e.samples().stream()
          .collect(Collectors.groupingBy(s -> String.valueOf(s.label("cluster"))));
      for (int i = 0; i < cases.size(); i++) {
        String cluster = HostileStrings.expected(cluster(i, cases.get(i)), LabelValues.MAX_LENGTH);
        assertCase(new Samples(byCluster.getOrDefault(cluster, List.of())), cluster, i, cases.get(i));
        CHECKED.incrementAndGet();
      }
      for (Exposition.Sample s : e.samples()) {
        for (String v : s.labels().values()) {
          assertThat(v.codePointCount(0, v.length())).as("label value length").isLessThanOrEqualTo(
              LabelValues.MAX_LENGTH);
          assertThat(v.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f || Character.isSurrogate((char) ch)
              && !validPairs(v))).as("label value %s has no control characters or broken surrogates", v).isTrue();
        }
      }
    } finally {
      clusters.forEach(SlurmMetrics::close);
    }
  }

  @AfterContainer
  static void report() {
    System.out.println("[hardening] exposition property: " + CHECKED.get() + " cases checked with promtool and "
        + "re-parsed");
  }

  private static boolean validPairs(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  static String cluster(int i, Case c) {
    return "c" + i + "-" + c.cluster();
  }

  private static SlurmMetrics metrics(int i, Case c) {
    Instant now = Instant.now();
    String partition = "p-" + c.partition();
    Node node = Node.builder("n-" + c.node()).state(State.of("MIXED")).reason(c.nodeReason())
        .cpusTotal(c.nodeCpus()).cpusAllocated(c.nodeCpus() / 2).partitions(List.of(partition)).build();
    List<Job> jobs = new ArrayList<>();
    for (int j = 0; j < c.jobs().size(); j++) {
      JobSpec s = c.jobs().get(j);
      jobs.add(Job.builder(1000 + j).name(s.name()).user("u" + j + "-" + s.user())
          .account("a" + j + "-" + s.account()).partition(partition)
          .state(State.of(s.running() ? "RUNNING" : "PENDING")).reason(s.running() ? "None" : s.reason())
          .cpus(s.cpus()).nodeCount(1).build());
    }
    Reservation resv = new Reservation("r-" + c.reservation(), List.of(node.name()), 1, c.reservationCores(),
        now.minusSeconds(60), now.plusSeconds(3600), Set.of(), "", "", "");
    License lic = new License("l-" + c.license(), c.licenseTotal(), 0, c.licenseTotal(), 0, false);
    InMemorySource source = new InMemorySource("ignored", List.of(node),
        List.of(new Partition(partition, "UP", List.of(node.name()), c.nodeCpus(), 1, true)), jobs, List.of(resv),
        List.of(lic));
    return SlurmMetrics.builder().source(source).clusterName(cluster(i, c)).collectors(GROUPS).build();
  }

  /** One case's samples (those with its cluster label), looked up like {@link Exposition} does. */
  record Samples(List<Exposition.Sample> all) {
    List<Exposition.Sample> of(String name, String... pairs) {
      return all.stream().filter(s -> s.name().equals(name) && s.has(pairs)).toList();
    }

    double value(String name, String... pairs) {
      List<Exposition.Sample> found = of(name, pairs);
      assertThat(found).as("exactly one %s%s", name, List.of(pairs)).hasSize(1);
      return found.get(0).value();
    }

    double sum(String name, String... pairs) {
      return of(name, pairs).stream().mapToDouble(Exposition.Sample::value).sum();
    }
  }

  private static void assertCase(Samples e, String cluster, int i, Case c) {
    int max = LabelValues.MAX_LENGTH;
    String partition = HostileStrings.expected("p-" + c.partition(), max);
    String node = HostileStrings.expected("n-" + c.node(), max);
    assertThat(e.value("slurm_up", "source", "nodes")).as("case %d, cluster %s", i, cluster).isEqualTo(1.0);
    assertThat(e.value("slurm_node_cpus_total", "node", node)).isEqualTo(c.nodeCpus());
    assertThat(e.value("slurm_partition_cpus_total", "partition", partition)).isEqualTo(c.nodeCpus());
    assertThat(e.of("slurm_node_state_info", "node", node)).singleElement()
        .satisfies(s -> assertThat(s.label("reason")).isEqualTo(HostileStrings.expected(c.nodeReason(),
            LabelValues.MAX_REASON_LENGTH)));
    assertThat(e.sum("slurm_jobs_total", "partition", partition)).isEqualTo(c.jobs().size());
    for (int j = 0; j < c.jobs().size(); j++) {
      JobSpec s = c.jobs().get(j);
      assertThat(e.sum("slurm_user_jobs", "user", HostileStrings.expected("u" + j + "-" + s.user(), max)))
          .as("jobs of user %d", j).isEqualTo(1.0);
      assertThat(e.sum("slurm_account_jobs", "account", HostileStrings.expected("a" + j + "-" + s.account(), max)))
          .as("jobs of account %d", j).isEqualTo(1.0);
    }
    long pending = c.jobs().stream().filter(s -> !s.running()).count();
    assertThat(e.sum("slurm_jobs_pending")).isEqualTo(pending);
    assertThat(e.value("slurm_reservation_cpus", "reservation", HostileStrings.expected("r-" + c.reservation(),
        max))).isEqualTo(c.reservationCores());
    assertThat(e.value("slurm_license_total", "license", HostileStrings.expected("l-" + c.license(), max)))
        .isEqualTo(c.licenseTotal());
  }

  // ---------------------------------------------------------------------------------------------------- promtool

  static Path promtool() {
    Optional<Path> fromLab = SlurmLab.find().flatMap(SlurmLab::promtoolBin).filter(Files::isExecutable);
    Path p = fromLab.orElse(Paths.get("/usr/bin/promtool"));
    if (Files.isExecutable(p)) return p;
    String reason = "promtool not found (lab env or /usr/bin/promtool; Debian package prometheus)";
    if (SlurmLab.isCi()) throw new AssertionError(reason + " and CI=true");
    throw new TestAbortedException(reason);
  }

  /** Gauges the contract names {@code *_total}: promtool's only lint finding we accept, for those names only. */
  static Set<String> gaugesNamedTotal() {
    return MetricCatalog.all().stream().filter(d -> d.type() == MetricDefinition.Type.GAUGE)
        .map(MetricDefinition::name).filter(n -> n.endsWith("_total")).collect(Collectors.toSet());
  }

  static void assertPromtoolAccepts(Path promtool, byte[] exposition) throws Exception {
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(exposition);
    }
    String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    Set<String> allowed = gaugesNamedTotal();
    List<String> problems = new ArrayList<>();
    for (String line : report.split("\n")) {
      if (line.isBlank()) continue;
      String metric = line.split(" ", 2)[0];
      if (!(allowed.contains(metric) && line.contains("non-counter metrics should not have \"_total\" suffix"))) {
        problems.add(line);
      }
    }
    assertThat(problems).as("promtool check metrics:\n%s", report).isEmpty();
    assertThat(p.exitValue()).as("promtool exit status (0 clean, 3 lint only; 1 is an error):\n%s", report)
        .isIn(0, 3);
  }
}
