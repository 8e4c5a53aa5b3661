package io.slurmmetrics.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSourceException;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.Fault;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transport failures, token handling and the three ways to reach slurmrestd. */
class RestTransportTest {
  private static final FixtureSet SET = Fixtures.of("26.05");

  @TempDir Path dir;
  private FakeSlurmrestd rest;
  private RestSource source;

  @AfterEach
  void close() {
    if (source != null) source.close();
    if (rest != null) rest.close();
  }

  private RestSource.Builder to(FakeSlurmrestd fake) {
    return RestSource.builder().url(fake.url()).tokenFromEnvironment(false).apiVersion("v0.0.45")
        .timeout(Duration.ofSeconds(5));
  }

  private static SlurmSourceException failure(StatusPolicyTest.ThrowingRunnable r) {
    SlurmSourceException e = catchThrowableOfType(SlurmSourceException.class, r::run);
    assertThat(e).as("expected a SlurmSourceException").isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n");
    return e;
  }

  @Test
  void connectionRefusedIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    source = RestSource.builder().url("http://127.0.0.1:" + port).tokenFromEnvironment(false).apiVersion("v0.0.45")
        .build();
    SlurmSourceException e = failure(source::nodes);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE);
    assertThat(e.getMessage()).contains("rest http://127.0.0.1:" + port, "nodes", "v0.0.45");
  }

  @Test
  void hungDaemonIsATimeoutWithinTheConfiguredDeadline() {
    rest = FakeSlurmrestd.builder().fixtures(SET).start();
    rest.injectFault("/diag", Fault.hang());
    source = to(rest).timeout(Duration.ofMillis(300)).build();
    SlurmSourceException e = failure(source::diag);
    assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(e.getMessage()).contains("diag", "/slurm/v0.0.45/diag");
  }

  @Test
  void garbageBodyIsABadPayload() {
    rest = FakeSlurmrestd.builder().fixtures(SET).start();
    rest.injectFault("/nodes", Fault.garbage());
    source = to(rest).build();
    SlurmSourceException e = failure(source::nodes);
    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_PAYLOAD);
    assertThat(e.getMessage()).contains("not JSON");
  }

  @Test
  void htmlPageIsABadPayloadOn200AndUnreachableOn502() {
    rest = FakeSlurmrestd.builder().fixtures(SET).start();
    rest.injectFault("/nodes", Fault.response(io.slurmmetrics.testkit.FakeResponse.guess(200,
        "<html><body>captive portal</body></html>".getBytes(StandardCharsets.UTF_8))));
    rest.injectFault("/jobs", Fault.html(502));
    source = to(rest).build();
    SlurmSourceException onOk = failure(source::nodes);
    assertThat(onOk.kind()).isEqualTo(ErrorKind.BAD_PAYLOAD);
    assertThat(onOk.getMessage()).contains("HTTP 200", "<html>");
    SlurmSourceException onGateway = failure(source::jobs);
    assertThat(onGateway.kind()).isEqualTo(ErrorKind.UNREACHABLE);
    assertThat(onGateway.getMessage()).contains("HTTP 502 without a Slurm answer");
  }

  @Test
  void truncatedBodyIsABadPayload() {
    rest = FakeSlurmrestd.builder().fixtures(SET).start();
    rest.injectFault("/jobs", Fault.truncate(5000));
    source = to(rest).build();
    SlurmSourceException e = failure(source::jobs);
    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_PAYLOAD);
  }

  @Test
  void bodyOverTheLimitIsABadPayloadEvenWithoutContentLength() {
    rest = FakeSlurmrestd.builder().fixtures(SET).start();
    source = to(rest).maxBodyBytes(10_000).build();
    SlurmSourceException e = failure(source::jobs);
    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_PAYLOAD);
    assertThat(e.getMessage()).contains("limit of 10000");
  }

  @Test
  void missingRequiredFieldNamesEndpointVersionAndField() {
    rest = FakeSlurmrestd.builder()
        .responder(req -> io.slurmmetrics.testkit.FakeResponse.json(200,
            "{\"nodes\": [{\"name\": \"n1\"}, {\"cpus\": 4}], \"errors\": []}"))
        .start();
    source = to(rest).build();
    SlurmSourceException e = failure(source::nodes);
    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_PAYLOAD);
    assertThat(e.getMessage()).contains("nodes", "v0.0.45", "'name'", "nodes[1]");
  }

  @Test
  void tokenFileIsReReadWhenItChangesAndNeverAppearsInMessages() throws Exception {
    Path file = dir.resolve("jwt");
    Files.writeString(file, "first-token\n");
    rest = FakeSlurmrestd.builder().fixtures(SET).user("slurm").token("first-token").start();
    source = to(rest).user("slurm").tokenFile(file).build();
    assertThat(source.nodes()).isNotEmpty();

    rest.token("second-token-longer");
    SlurmSourceException stale = failure(source::licenses);
    assertThat(stale.kind()).isEqualTo(ErrorKind.AUTH);
    assertThat(stale.getMessage()).doesNotContain("first-token");

    Files.writeString(file, "second-token-longer\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(source.licenses()).isNotEmpty();
    assertThat(rest.requests().get(rest.requests().size() - 1).header("X-SLURM-USER-TOKEN"))
        .contains("second-token-longer");
  }

  @Test
  void unreadableTokenFileIsAnAuthFailureNamingThePath() {
    rest = FakeSlurmrestd.builder().fixtures(SET).start();
    source = to(rest).tokenFile(dir.resolve("missing")).build();
    SlurmSourceException e = failure(source::nodes);
    assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
    assertThat(e.getMessage()).contains(dir.resolve("missing").toString());
  }

  @Test
  void tokenFromSlurmJwtEnvironmentVariable() throws Exception {
    rest = FakeSlurmrestd.builder().fixtures(SET).user("slurm").token("env-token").start();
    source = RestSource.builder().url(rest.url()).user("slurm").apiVersion("v0.0.45")
        .environment(k -> k.equals("SLURM_JWT") ? "env-token" : null).build();
    assertThat(source.ping().controllerResponding()).isTrue();
  }

  @Test
  void unixSocketCarriesHttp() throws Exception {
    Path sock = Files.createTempFile("slurmrestd", ".sock");
    Files.delete(sock);
    byte[] body = SET.rest("v0.0.45", "slurm", "ping").orElseThrow();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(sock));
      Thread t = new Thread(() -> {
        try (SocketChannel c = server.accept()) {
          ByteBuffer buf = ByteBuffer.allocate(8192);
          StringBuilder req = new StringBuilder();
          while (!req.toString().contains("\r\n\r\n") && c.read(buf) > 0) {
            buf.flip();
            req.append(StandardCharsets.ISO_8859_1.decode(buf));
            buf.clear();
          }
          String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
              + "\r\nConnection: close\r\n\r\n";
          c.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
          c.write(ByteBuffer.wrap(body));
        } catch (Exception ignored) {
          // the assertion below reports a failed exchange
        }
      });
      t.start();
      source = RestSource.builder().url("unix:" + sock).tokenFromEnvironment(false).apiVersion("v0.0.45").build();
      assertThat(source.name()).isEqualTo("rest unix:" + sock);
      assertThat(source.ping().controllerResponding()).isTrue();
      t.join(TimeUnit.SECONDS.toMillis(10));
    } finally {
      Files.deleteIfExists(sock);
    }
  }

  @Test
  void missingUnixSocketIsUnreachable() {
    source = RestSource.builder().url("unix:" + dir.resolve("nope.sock")).tokenFromEnvironment(false)
        .apiVersion("v0.0.45").build();
    SlurmSourceException e = failure(source::ping);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE);
    assertThat(e.getMessage()).contains("nope.sock");
  }

  @Test
  void httpsWithACustomCaPem() throws Exception {
    Path ks = dir.resolve("server.p12");
    Path pem = dir.resolve("ca.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(keytool, "-genkeypair", "-alias", "srv", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", ks.toString(), "-storetype",
        "PKCS12", "-storepass", "changeit");
    run(keytool, "-exportcert", "-rfc", "-alias", "srv", "-keystore", ks.toString(), "-storepass", "changeit",
        "-file", pem.toString());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    rest = FakeSlurmrestd.builder().fixtures(SET).https(ctx.getSocketFactory()).start();
    assertThat(rest.url()).startsWith("https://");

    source = to(rest).caCertificate(pem).build();
    assertThat(source.ping().controllerResponding()).isTrue();
    source.close();

    source = to(rest).build(); // the JVM's trust store does not know this CA
    SlurmSourceException e = failure(source::ping);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE);
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
  }

  @Test
  void badBuilderInputFailsFastWithTheValue() {
    assertThatThrownBy(() -> RestSource.builder().url("ftp://x").build()).hasMessageContaining("ftp://x");
    assertThatThrownBy(() -> RestSource.builder().apiVersion("42")).hasMessageContaining("\"42\"");
    assertThatThrownBy(() -> RestSource.builder().url("http://u:p@h:1").build())
        .hasMessageContaining("no credentials");
    assertThatThrownBy(() -> RestSource.builder().build()).hasMessageContaining("url");
  }

  @Test
  void accountingJobsKeepOnlyJobsEndedInTheWindowAndSendTheVersionsTimeDialect() throws Exception {
    rest = FakeSlurmrestd.builder().fixtures(SET).start();
    source = to(rest).build();
    var all = source.accountingJobs(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    assertThat(all).isNotEmpty().allSatisfy(j -> assertThat(j.endTime()).isPresent());
    var sent = rest.requests().get(rest.requests().size() - 1);
    assertThat(sent.queryParameter("start_time")).contains("0");
    assertThat(source.timeParameter("v0.0.41", Instant.parse("2026-11-26T06:00:00Z")))
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
    assertThat(source.accountingJobs(Instant.EPOCH, Instant.EPOCH.plusSeconds(1))).isEmpty();
  }
}
