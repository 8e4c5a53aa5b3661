package io.slurmmetrics.testkit.sim;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Finds nodes for a job, fast enough for 50,000 jobs on 10,000 nodes: small jobs are packed onto the first nodes of
 * their partition with room (as select/cons_tres packs them); whole-node jobs take idle nodes from a rotating
 * position, now and then passing one over, so their node lists are many ranges as on a busy real cluster. A request
 * that found no room is remembered until resources are freed: a later job asking at least as much fails at once.
 */
final class Placement {
  /** Up to this many failed requests are remembered per partition. */
  private static final int REMEMBERED = 8;

  private final List<SimNode> nodes;
  private final Simulation.Reservation[] reservations;
  private final int[][] members;
  private final int[] firstOpen;
  private final int[] idleCursor;
  /** Per partition: failed requests as {cpusPerNode, memoryMb, gpus, nodeCount, exclusive, reservationAccess}. */
  private final long[][][] failed;
  private final int[] failedCount;
  private final BitSet taken = new BitSet();

  Placement(List<SimNode> nodes, int partitions, Simulation.Reservation[] reservations) {
    this.nodes = nodes;
    this.reservations = reservations;
    this.members = new int[partitions][];
    for (int p = 0; p < partitions; p++) {
      int[] m = new int[nodes.size()];
      int k = 0;
      for (int i = 0; i < nodes.size(); i++) if ((nodes.get(i).partitions & (1 << p)) != 0) m[k++] = i;
      members[p] = Arrays.copyOf(m, k);
    }
    this.firstOpen = new int[partitions];
    this.idleCursor = new int[partitions];
    this.failed = new long[partitions][REMEMBERED][];
    this.failedCount = new int[partitions];
  }

  int size(int partition) {
    return members[partition].length;
  }

  /** Resources came free (a job ended, a node returned, a reservation moved): every request may fit again. */
  void released() {
    Arrays.fill(firstOpen, 0);
    Arrays.fill(failedCount, 0);
  }

  /** Nodes for {@code j} (ascending indexes), or null when it does not fit now. */
  int[] find(SimJob j, SplittableRandom random) {
    int p = j.partition;
    long[] request = {j.cpusPerNode(), j.memoryMb, j.gpus, j.nodeCount, j.exclusive ? 1 : 0, access(j) ? 1 : 0};
    for (int f = 0; f < Math.min(failedCount[p], REMEMBERED); f++) {
      if (covers(request, failed[p][f])) return null;
    }
    int[] found = j.exclusive ? idle(j, random) : packed(j);
    if (found == null) failed[p][failedCount[p]++ % REMEMBERED] = request;
    return found;
  }

  /** True when {@code r} asks at least what the failed {@code f} asked (so it cannot fit either). */
  private static boolean covers(long[] r, long[] f) {
    for (int k = 0; k < 4; k++) if (r[k] < f[k]) return false;
    return r[4] >= f[4] && r[5] <= f[5];
  }

  private boolean access(SimJob j) {
    String user = Simulation.USERS[j.user];
    for (Simulation.Reservation r : reservations) if (r.users().equals(user)) return true;
    return false;
  }

  private boolean allowed(SimNode n, SimJob j) {
    return n.reservation < 0 || reservations[n.reservation].users().equals(Simulation.USERS[j.user]);
  }

  private int[] packed(SimJob j) {
    int[] m = members[j.partition];
    int i = firstOpen[j.partition];
    while (i < m.length && nodes.get(m[i]).full()) i++;
    firstOpen[j.partition] = i;
    for (; i < m.length; i++) {
      SimNode n = nodes.get(m[i]);
      if (allowed(n, j) && n.fits(j)) return new int[] {m[i]};
    }
    return null;
  }

  private int[] idle(SimJob j, SplittableRandom random) {
    int[] m = members[j.partition];
    int[] out = new int[j.nodeCount];
    int got = 0;
    int start = idleCursor[j.partition] % Math.max(1, m.length);
    taken.clear();
    // first round: pass over one idle node in six (a real busy cluster's lists are fragmented); second: take any
    for (int round = 0; round < 2 && got < out.length; round++) {
      for (int k = 0; k < m.length && got < out.length; k++) {
        int pos = (start + k) % m.length;
        SimNode n = nodes.get(m[pos]);
        if (taken.get(pos) || !allowed(n, j) || !n.fits(j)) continue;
        if (round == 0 && out.length > 1 && random.nextInt(6) == 0) continue;
        taken.set(pos);
        out[got++] = m[pos];
        idleCursor[j.partition] = pos + 1;
      }
    }
    if (got < out.length) return null;
    Arrays.sort(out);
    return out;
  }
}
