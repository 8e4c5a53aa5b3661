package io.slurmmetrics.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.exporter.config.ClusterConfig;
import io.slurmmetrics.exporter.config.ConfigFile;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests under deploy/kubernetes fit together: the PrometheusRule holds exactly the unit-tested rule files,
 * the Service, ServiceMonitor and Deployment agree on labels and the port, the JWT reaches the exporter as a file
 * from the Secret, and the ConfigMap holds a config the exporter itself accepts.
 */
class KubernetesManifestsTest {
  private static final Map<String, Map<String, Object>> BY_KIND = new LinkedHashMap<>();

  @BeforeAll
  static void load() {
    for (Path f : RepositoryFiles.list("deploy/kubernetes", ".yaml")) {
      if (f.getFileName().toString().equals("kustomization.yaml")) continue;
      for (Object doc : YamlFiles.loadAll(f)) {
        Map<String, Object> object = YamlFiles.map(doc, RepositoryFiles.name(f));
        String kind = (String) object.get("kind");
        assertThat(BY_KIND.put(kind, object)).as("one %s in deploy/kubernetes", kind).isNull();
      }
    }
  }

  @Test
  void prometheusRuleHoldsExactlyTheGroupsOfTheRuleFiles() {
    List<Object> expected = new ArrayList<>();
    for (String f : List.of("slurm-recording-rules.yml", "slurm-alerting-rules.yml")) {
      Path file = RepositoryFiles.resolve("deploy/prometheus/" + f);
      expected.addAll(YamlFiles.list(YamlFiles.map(YamlFiles.load(file), f).get("groups"), f));
    }
    Map<String, Object> spec = YamlFiles.map(object("PrometheusRule").get("spec"), "PrometheusRule spec");
    assertThat(spec.get("groups"))
        .as("PrometheusRule groups; run deploy/kubernetes/generate-prometheusrule.sh after editing a rule file")
        .isEqualTo(expected);
  }

  @Test
  void serviceAnnotationsServiceMonitorAndDeploymentAgreeOnPort9341() {
    Map<String, Object> service = object("Service");
    Map<String, Object> annotations = path(service, "metadata", "annotations");
    assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "9341").containsEntry("prometheus.io/path", "/metrics");
    Map<String, Object> servicePort = YamlFiles.map(
        YamlFiles.list(path(service, "spec").get("ports"), "ports").get(0), "port");
    assertThat(servicePort).containsEntry("port", 9341).containsEntry("name", "metrics");

    Map<String, Object> container = container();
    Map<String, Object> containerPort = YamlFiles.map(YamlFiles.list(container.get("ports"), "ports").get(0), "port");
    assertThat(containerPort).containsEntry("containerPort", 9341).containsEntry("name", "metrics");
    assertThat(servicePort.get("targetPort")).isEqualTo(containerPort.get("name"));

    Map<String, Object> podLabels = path(object("Deployment"), "spec", "template", "metadata", "labels");
    assertThat(podLabels).containsAllEntriesOf(path(service, "spec", "selector"));
    assertThat(podLabels).containsAllEntriesOf(path(object("Deployment"), "spec", "selector", "matchLabels"));

    Map<String, Object> monitor = object("ServiceMonitor");
    assertThat(path(service, "metadata", "labels")).containsAllEntriesOf(path(monitor, "spec", "selector", "matchLabels"));
    Map<String, Object> endpoint = YamlFiles.map(
        YamlFiles.list(path(monitor, "spec").get("endpoints"), "endpoints").get(0), "endpoint");
    assertThat(endpoint).containsEntry("port", "metrics").containsEntry("path", "/metrics");
    // the alerts expect job names starting with slurm-exporter: the Operator uses the Service name as job
    assertThat(path(service, "metadata").get("name")).isEqualTo("slurm-exporter");
  }

  @Test
  void theJwtReachesTheExporterOnlyAsAFileFromTheSecret(@TempDir Path tmp) throws Exception {
    Map<String, Object> secret = object("Secret");
    Map<String, Object> secretData = path(secret, "stringData");
    assertThat(secretData).containsOnlyKeys("token");

    Map<String, Object> podSpec = path(object("Deployment"), "spec", "template", "spec");
    String volume = null;
    for (Object v : YamlFiles.list(podSpec.get("volumes"), "volumes")) {
      Map<String, Object> vol = YamlFiles.map(v, "volume");
      if (vol.get("secret") != null
          && path(vol, "secret").get("secretName").equals(path(secret, "metadata").get("name"))) {
        volume = (String) vol.get("name");
      }
    }
    assertThat(volume).as("a volume from the Secret").isNotNull();
    String mountPath = null;
    for (Object m : YamlFiles.list(container().get("volumeMounts"), "volumeMounts")) {
      Map<String, Object> mount = YamlFiles.map(m, "mount");
      if (mount.get("name").equals(volume)) mountPath = (String) mount.get("mountPath");
    }
    assertThat(mountPath).as("where the Secret is mounted").isNotNull();
    assertThat(container()).as("no token in the environment").doesNotContainKey("env");

    ConfigFile config = configMapConfig(tmp);
    ClusterConfig cluster = config.clusters().get(0);
    assertThat(cluster.tokenFile()).contains(ExporterConfigs.rerooted(tmp, mountPath + "/token"));
  }

  @Test
  void theExporterAcceptsTheConfigMapAtThePathItIsGiven(@TempDir Path tmp) throws Exception {
    ConfigFile config = configMapConfig(tmp);
    assertThat(config.clusters()).hasSize(1);
    assertThat(config.clusters().get(0).name()).contains("hpc1");

    String configFlag = null;
    for (Object a : YamlFiles.list(container().get("args"), "args")) {
      if (String.valueOf(a).startsWith("--config.file=")) configFlag = String.valueOf(a).substring(14);
    }
    String mounted = null;
    for (Object m : YamlFiles.list(container().get("volumeMounts"), "volumeMounts")) {
      Map<String, Object> mount = YamlFiles.map(m, "mount");
      if ("exporter.yml".equals(mount.get("subPath"))) mounted = (String) mount.get("mountPath");
    }
    assertThat(configFlag).isNotNull().isEqualTo(mounted);
  }

  @Test
  void theAccountingStateFileLivesOnAWritableVolume() {
    Map<String, Object> config = YamlFiles.map(
        YamlFiles.parse((String) path(object("ConfigMap"), "data").get("exporter.yml")), "exporter.yml");
    Map<String, Object> cluster = YamlFiles.map(YamlFiles.list(config.get("clusters"), "clusters").get(0), "cluster");
    Path stateDir = Paths.get((String) cluster.get("accounting_state_file")).getParent();
    // the root file system is read-only: the state file's directory must be a writable mount
    assertThat(container()).extracting(c -> path(c, "securityContext").get("readOnlyRootFilesystem")).isEqualTo(true);
    boolean writableMount = false;
    for (Object m : YamlFiles.list(container().get("volumeMounts"), "volumeMounts")) {
      Map<String, Object> mount = YamlFiles.map(m, "mount");
      if (Paths.get((String) mount.get("mountPath")).equals(stateDir) && !Boolean.TRUE.equals(mount.get("readOnly"))) {
        writableMount = true;
      }
    }
    assertThat(writableMount).as("a writable volume mounted at %s", stateDir).isTrue();
  }

  @Test
  void kustomizationListsEveryManifest() {
    Path kustomization = RepositoryFiles.resolve("deploy/kubernetes/kustomization.yaml");
    List<Object> resources = YamlFiles.list(YamlFiles.map(YamlFiles.load(kustomization), "kustomization")
        .get("resources"), "resources");
    List<String> manifests = new ArrayList<>();
    for (Path f : RepositoryFiles.list("deploy/kubernetes", ".yaml")) {
      if (!f.getFileName().toString().equals("kustomization.yaml")) manifests.add(f.getFileName().toString());
    }
    assertThat(resources).containsExactlyInAnyOrderElementsOf(new ArrayList<Object>(manifests));
  }

  private static ConfigFile configMapConfig(Path tmp) throws Exception {
    return ExporterConfigs.load((String) path(object("ConfigMap"), "data").get("exporter.yml"), tmp);
  }

  private static Map<String, Object> container() {
    Map<String, Object> podSpec = path(object("Deployment"), "spec", "template", "spec");
    return YamlFiles.map(YamlFiles.list(podSpec.get("containers"), "containers").get(0), "container");
  }

  private static Map<String, Object> object(String kind) {
    return Optional.ofNullable(BY_KIND.get(kind))
        .orElseThrow(() -> new AssertionError("no " + kind + " in deploy/kubernetes"));
  }

  private static Map<String, Object> path(Map<String, Object> root, String... keys) {
    Map<String, Object> m = root;
    StringBuilder where = new StringBuilder(String.valueOf(root.get("kind")));
    for (String k : keys) {
      where.append('.').append(k);
      m = YamlFiles.map(m.get(k), where.toString());
    }
    return m;
  }
}
