package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.source.SlurmSource;
import io.slurmmetrics.source.cli.CliSource;
import io.slurmmetrics.source.rest.RestSource;
import io.slurmmetrics.testkit.exposition.Exposition;
import io.slurmmetrics.testkit.lab.SlurmLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every live lab version: jobs with steps are submitted, and once slurmdbd lists their steps a scrape through
 * slurmrestd and one through the CLI give, per step, what {@code sacct -n -P -s R} prints at the same moment (taken
 * before and after both scrapes; retried when they differ). The jobs are cancelled at the end.
 */
@Tag("slurm")
class StepsLabTest {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(120);
  private static final int ATTEMPTS = 5;
  /** Two jobs: batch + one srun, and batch + two overlapping sruns on two nodes: five running steps. */
  private static final int STEPS = 5;

  @ParameterizedTest(name = "Slurm {0}")
  @ValueSource(strings = {"22.05", "24.11", "26.05"})
  void scrapedStepsEqualSacctAtTheSameMoment(String labVersion) {
    SlurmLab.Cluster c = SlurmLab.require(labVersion);
    List<String> ids = new ArrayList<>();
    try {
      ids.add(submit(c, "-n2", "srun -n2 sleep 300"));
      ids.add(submit(c, "-N2 -n4 --ntasks-per-node=2 --mem=1000",
          "srun --overlap -N1 -n1 --mem=100M sleep 300 & srun --overlap -N2 -n2 --mem=100M sleep 300 & wait"));
      awaitRunningSteps(c, ids);
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        List<String[]> before = sacctSteps(c, ids);
        Exposition rest = scrape(RestSource.builder().url(c.restUrl()).user(c.restUser()).tokenFile(c.tokenFile())
            .clusterName(c.clusterName()).timeout(Duration.ofSeconds(30)).build());
        Exposition cli = scrape(CliSource.builder().binDir(c.cliBin()).timeout(Duration.ofSeconds(30)).build());
        List<String[]> after = sacctSteps(c, ids);
        if (!same(before, after)) continue; // a step started or ended meanwhile: take another moment
        compare("rest", rest, before, ids);
        compare("cli", cli, before, ids);
        return;
      }
      fail("sacct never printed the same steps before and after the scrapes in " + ATTEMPTS + " attempts");
    } finally {
      if (!ids.isEmpty()) {
        List<String> cancel = new ArrayList<>(List.of("scancel"));
        cancel.addAll(ids);
        run(c, cancel);
      }
    }
  }

  private static void compare(String source, Exposition e, List<String[]> sacct, List<String> ids) {
    assertThat(e.value("slurm_up", "source", "steps")).as(source).isEqualTo(1);
    assertThat(sacct).as(source).hasSize(STEPS);
    for (String[] f : sacct) {
      String job = f[0].substring(0, f[0].indexOf('.'));
      String step = f[0].substring(f[0].indexOf('.') + 1);
      String[] l = {"job_id", job, "step_id", step};
      String what = source + " " + f[0];
      assertThat(e.value("slurm_job_step_cpus", l)).as(what).isEqualTo(Double.parseDouble(f[1]));
      assertThat(e.value("slurm_job_step_tasks", l)).as(what).isEqualTo(Double.parseDouble(f[2]));
      assertThat(e.value("slurm_job_step_nodes", l)).as(what).isEqualTo(Double.parseDouble(f[3]));
      assertThat(e.samples("slurm_job_step_info", l)).as(what).singleElement()
          .satisfies(s -> assertThat(s.label("state")).isEqualTo("running"));
    }
    long ours = e.samples("slurm_job_step_cpus").stream().filter(s -> ids.contains(s.label("job_id"))).count();
    assertThat(ours).as(source + ": our jobs' step series").isEqualTo(sacct.size());
  }

  private static Exposition scrape(SlurmSource source) {
    try (source; SlurmMetrics m = SlurmMetrics.builder().source(source)
        .collectors(EnumSet.of(CollectorGroup.JOB)).build()) {
      return Text.parse(m.collect(Duration.ofSeconds(60)));
    }
  }

  private static String submit(SlurmLab.Cluster c, String options, String script) {
    // the gpu partition: the seeded lab keeps c1/c2 busy, c3 drained and c4 reserved, so a two-node job never starts
    // in cpu; g1/g2 have CPUs and memory to spare, and a short limit lets backfill start us beside gpu_pending
    List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", "-J", "steps_lab_test", "-p", "gpu",
        "-t", "10", "-o", "/dev/null", "-e", "/dev/null"));
    cmd.addAll(List.of(options.split(" ")));
    cmd.addAll(List.of("--wrap", script));
    String out = run(c, cmd).strip();
    return out.contains(";") ? out.substring(0, out.indexOf(';')) : out;
  }

  /** Polls sacct (with a deadline) until every step of our jobs runs. */
  private static void awaitRunningSteps(SlurmLab.Cluster c, List<String> ids) {
    long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
    List<String[]> steps = sacctSteps(c, ids);
    while (steps.size() < STEPS) {
      if (System.nanoTime() > deadline) {
        fail("only " + steps.size() + " of " + STEPS + " steps of jobs " + ids + " running after " + VISIBLE_WITHIN);
      }
      // the pause between two polls of a deadline loop (not a synchronisation: the loop re-checks the condition)
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
      steps = sacctSteps(c, ids);
    }
  }

  /** {@code sacct -a -n -P -s R -o JobID,NCPUS,NTasks,NNodes,State}: our jobs' running steps. */
  private static List<String[]> sacctSteps(SlurmLab.Cluster c, List<String> ids) {
    String out = run(c, List.of("sacct", "-a", "-n", "-P", "-s", "R", "-o", "JobID,NCPUS,NTasks,NNodes,State"));
    List<String[]> steps = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.split("\\|", -1);
      if (f.length < 5 || !f[0].contains(".") || !f[4].equals("RUNNING")) continue;
      if (ids.contains(f[0].substring(0, f[0].indexOf('.')))) steps.add(f);
    }
    return steps;
  }

  private static boolean same(List<String[]> a, List<String[]> b) {
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); i++) if (!String.join("|", a.get(i)).equals(String.join("|", b.get(i)))) return false;
    return true;
  }

  private static String run(SlurmLab.Cluster c, List<String> command) {
    List<String> cmd = new ArrayList<>(command);
    cmd.set(0, c.cli(command.get(0)).toString());
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
      assertThat(p.exitValue()).as(String.join(" ", cmd) + ":\n" + out).isZero();
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
