package io.slurmmetrics.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipJoinTest {
  private static int crc(byte[]... parts) {
    CRC32 c = new CRC32();
    for (byte[] p : parts) c.update(p);
    return (int) c.getValue();
  }

  private static byte[] random(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  @Test
  void combinedCrcIsTheCrcOfTheConcatenation() {
    Random r = new Random(7);
    for (int[] sizes : new int[][] {{0, 0}, {0, 5}, {5, 0}, {1, 1}, {1000, 3}, {70_000, 123_457}}) {
      byte[] a = random(r, sizes[0]);
      byte[] b = random(r, sizes[1]);
      assertThat(GzipJoin.combine(crc(a), crc(b), b.length)).as("%d + %d bytes", a.length, b.length)
          .isEqualTo(crc(a, b));
    }
  }

  @Test
  void aJoinedMemberInflatesToHeadThenTail() throws Exception {
    Random r = new Random(11);
    // text-like, so the deflater really compresses and back-references matter
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 20_000; i++) s.append("slurm_node_cpus_total{node=\"n").append(r.nextInt(10_000)).append("\"} 32\n");
    byte[] head = s.toString().getBytes();
    byte[] tail = "slurm_up{source=\"nodes\"} 1\nslurm_node_cpus_total{node=\"n1\"} 32\n".getBytes();

    byte[] gz = GzipJoin.join(GzipJoin.head(head), tail);

    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      byte[] out = in.readAllBytes();
      byte[] expected = new byte[head.length + tail.length];
      System.arraycopy(head, 0, expected, 0, head.length);
      System.arraycopy(tail, 0, expected, head.length, tail.length);
      assertThat(out).isEqualTo(expected);
    }
    assertThat(gz.length).isLessThan(head.length / 3);
  }

  @Test
  void anEmptyHeadGivesTheTailAlone() throws Exception {
    byte[] tail = "# EOF\n".getBytes();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(GzipJoin.join(GzipJoin.Head.EMPTY, tail)))) {
      assertThat(in.readAllBytes()).isEqualTo(tail);
    }
  }
}
