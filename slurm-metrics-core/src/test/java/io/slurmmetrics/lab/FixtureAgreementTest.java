package io.slurmmetrics.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.json.SlurmJson;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab agreement, offline, on what the recorder captured from each real Slurm within seconds: the model read from
 * every recorded REST version equals the model read from the CLI JSON, and both agree with the recorded
 * {@code sinfo}/{@code squeue} text. (The recorder captured a settled job mix; the live version is LabAgreementIT.)
 */
class FixtureAgreementTest {

  static Stream<String> versions() {
    return Fixtures.versions().stream();
  }

  @ParameterizedTest(name = "slurm-{0}")
  @MethodSource("versions")
  void restVersionsCliJsonAndTextAgree(String version) throws Exception {
    FixtureSet set = Fixtures.of(version);
    String nodesFile = set.has("cli/scontrol-nodes.json") ? "cli/scontrol-nodes.json" : "cli/sinfo.json";
    String jobsFile = set.has("cli/scontrol-jobs.json") ? "cli/scontrol-jobs.json" : "cli/squeue.json";
    List<Node> cliNodes = SlurmJson.nodes(new Buffer().write(set.bytes(nodesFile)), "cli").data();
    List<Job> cliJobs = SlurmJson.jobs(new Buffer().write(set.bytes(jobsFile)), "cli").data();

    // v0.0.36/37 (22.05's older plugins) predate what we support: no alloc_cpus, other state names
    List<String> apis = set.apiVersions().stream().filter(v -> !v.equals("v0.0.36") && !v.equals("v0.0.37"))
        .collect(Collectors.toList());
    assertThat(apis).isNotEmpty();
    for (String api : apis) {
      List<Node> nodes = SlurmJson.nodes(new Buffer().write(set.rest(api, "slurm", "nodes").orElseThrow()), api).data();
      List<Job> jobs = SlurmJson.jobs(new Buffer().write(set.rest(api, "slurm", "jobs").orElseThrow()), api).data();
      assertThat(Agreement.nodeView(nodes)).as("%s REST %s nodes = CLI %s", version, api, nodesFile)
          .isEqualTo(Agreement.nodeView(cliNodes));
      assertThat(Agreement.jobView(jobs)).as("%s REST %s jobs = CLI %s", version, api, jobsFile)
          .isEqualTo(Agreement.jobView(cliJobs));
    }
    Agreement.assertNodesMatchSinfo(version, cliNodes, lines(set, "cli/sinfo-nodes.txt"));
    // squeue.txt has a 6th column (%r, the reason): compare on the first five
    List<String> squeue = lines(set, "cli/squeue.txt").stream()
        .map(l -> String.join("|", List.of(l.split("\\|", -1)).subList(0, 5))).collect(Collectors.toList());
    Agreement.assertJobsMatchSqueue(version, cliJobs, squeue);
  }

  private static List<String> lines(FixtureSet set, String file) {
    return set.text(file).lines().filter(l -> !l.isBlank()).sorted().collect(Collectors.toList());
  }
}
