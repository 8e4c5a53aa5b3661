package io.slurmmetrics.json;

import io.slurmmetrics.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.Source;
import okio.Timeout;

/**
 * A jobs response generated on the fly, never held in memory: {@code {"jobs":[ ... ]}} with {@code count} copies of
 * one real recorded v0.0.45 job (job_resources and all), each with its own job id. Used to prove the readers stream.
 */
final class SyntheticJobsStream implements Source {
  private final byte[] head = "{\"jobs\":[".getBytes(StandardCharsets.UTF_8);
  private final byte[] tail = "],\"meta\":{\"plugin\":{\"type\":\"openapi/slurmctld\"}},\"errors\":[],\"warnings\":[]}"
      .getBytes(StandardCharsets.UTF_8);
  private final String before;
  private final String after;
  private final long count;
  private long emitted;
  private int stage; // 0 head, 1 jobs, 2 tail, 3 done
  long bytes;

  SyntheticJobsStream(long count) {
    this.count = count;
    String jobs = Fixtures.of("26.05").text("rest/v0.0.45/slurm/jobs.json");
    // the first job object of the recorded list, cut at its "job_id" value
    int start = jobs.indexOf('{', jobs.indexOf("\"jobs\""));
    int end = matchingBrace(jobs, start);
    String job = jobs.substring(start, end + 1);
    int id = job.indexOf("\"job_id\":");
    int valueStart = id + "\"job_id\":".length();
    int valueEnd = valueStart;
    while (valueEnd < job.length() && (Character.isWhitespace(job.charAt(valueEnd))
        || Character.isDigit(job.charAt(valueEnd)))) {
      valueEnd++;
    }
    before = job.substring(0, valueStart) + " ";
    after = job.substring(valueEnd);
  }

  /** The exact length of the whole stream (ids 1..count, commas between jobs). */
  long totalBytes() {
    long ids = 0;
    for (long digits = 1, lo = 1; lo <= count; digits++, lo *= 10) {
      ids += digits * (Math.min(count, lo * 10 - 1) - lo + 1);
    }
    long perJob = (before + after).getBytes(StandardCharsets.UTF_8).length;
    return head.length + tail.length + count * perJob + ids + Math.max(0, count - 1);
  }

  /** Bytes of one job object, for sizing. */
  int jobBytes() {
    return (before + "1" + after).getBytes(StandardCharsets.UTF_8).length + 1;
  }

  private static int matchingBrace(String s, int open) {
    int depth = 0;
    boolean inString = false;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') i++;
        else if (c == '"') inString = false;
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("no job object in the fixture");
  }

  @Override
  public long read(Buffer sink, long byteCount) {
    long before = sink.size();
    while (sink.size() - before < Math.min(byteCount, 64 * 1024) && stage < 3) {
      switch (stage) {
        case 0:
          sink.write(head);
          stage = 1;
          break;
        case 1:
          if (emitted == count) {
            stage = 2;
            break;
          }
          if (emitted > 0) sink.writeByte(',');
          sink.writeUtf8(this.before).writeUtf8(Long.toString(emitted + 1)).writeUtf8(after);
          emitted++;
          break;
        default:
          sink.write(tail);
          stage = 3;
      }
    }
    long n = sink.size() - before;
    if (n == 0) return -1;
    bytes += n;
    return n;
  }

  @Override
  public Timeout timeout() {
    return Timeout.NONE;
  }

  @Override
  public void close() {}

  /**
   * Parses {@code args[0]} megabytes of synthetic jobs, directly ({@code args[1]} = {@code direct}) or through
   * RestSource from a local HTTP server streaming the bytes ({@code rest}); prints "jobs=N ... maxHeapMiB=H".
   */
  public static void main(String[] args) throws Exception {
    long megabytes = Long.parseLong(args[0]);
    SyntheticJobsStream probe = new SyntheticJobsStream(0);
    long count = megabytes * 1024 * 1024 / probe.jobBytes() + 1;
    SyntheticJobsStream stream = new SyntheticJobsStream(count);
    java.util.List<io.slurmmetrics.model.Job> jobs;
    if (args.length > 1 && args[1].equals("rest")) {
      try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
        server.setDispatcher(new mockwebserver3.Dispatcher() {
          @Override
          public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
            return new mockwebserver3.MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body(new mockwebserver3.MockResponseBody() {
                  @Override
                  public long getContentLength() {
                    return stream.totalBytes();
                  }

                  @Override
                  public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
                    sink.writeAll(stream);
                  }
                })
                .build();
          }
        });
        server.start();
        String url = server.url("/").toString();
        try (io.slurmmetrics.source.rest.RestSource rest = io.slurmmetrics.source.rest.RestSource.builder()
            .url(url.substring(0, url.length() - 1)).tokenFromEnvironment(false).apiVersion("v0.0.45")
            .timeout(java.time.Duration.ofMinutes(5)).maxBodyBytes(1L << 30).build()) {
          jobs = rest.jobs();
        }
      }
    } else {
      jobs = SlurmJson.jobs(okio.Okio.buffer(stream), "v0.0.45").data();
    }
    long ids = jobs.stream().mapToLong(j -> j.jobId()).distinct().count();
    System.out.println("jobs=" + jobs.size() + " distinct=" + ids + " expected=" + count + " bytes=" + stream.bytes
        + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }
}
