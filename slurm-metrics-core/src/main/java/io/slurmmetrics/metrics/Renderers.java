package io.slurmmetrics.metrics;

import io.slurmmetrics.model.FairShare;
import io.slurmmetrics.model.License;
import io.slurmmetrics.model.Reservation;
import io.slurmmetrics.snapshot.ClusterSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * Runs every area's family builder over one snapshot. An area whose endpoints failed (or were not fetched) is left
 * out entirely: its numbers would be stale or partial. Small areas (reservations, licenses, fair share) live here.
 */
final class Renderers {
  private Renderers() {}

  static void renderAll(ClusterSnapshot s, FamilySet fs, SchedulerCounters counters) {
    s.nodes().ifPresent(nodes -> {
      s.partitions().ifPresent(parts -> ResourceFamilies.partitions(parts, nodes, fs));
      ResourceFamilies.cluster(nodes, fs);
      ResourceFamilies.nodes(nodes, fs);
    });
    s.jobs().ifPresent(jobs -> QueueFamilies.jobs(jobs, fs));
    s.steps().ifPresent(steps -> StepFamilies.render(steps, fs));
    s.reservations().ifPresent(r -> reservations(r, s.takenAt(), fs));
    s.licenses().ifPresent(l -> licenses(l, fs));
    s.diag().ifPresent(d -> SchedulerFamilies.render(d, counters, fs));
    s.shares().ifPresent(sh -> fairShare(sh, fs));
  }

  static void reservations(List<Reservation> reservations, Instant now, FamilySet fs) {
    for (Reservation r : reservations) {
      String n = r.name();
      fs.add("slurm_reservation_cpus", r.coreCount(), n);
      fs.add("slurm_reservation_nodes", r.nodeCount(), n);
      fs.add("slurm_reservation_start_time_seconds", r.startTime().getEpochSecond(), n);
      fs.add("slurm_reservation_end_time_seconds", r.endTime().getEpochSecond(), n);
      fs.add("slurm_reservation_active", r.isActiveAt(now) ? 1 : 0, n);
    }
  }

  static void licenses(List<License> licenses, FamilySet fs) {
    for (License l : licenses) {
      fs.add("slurm_license_total", l.total(), l.name());
      fs.add("slurm_license_used", l.used(), l.name());
      fs.add("slurm_license_free", l.free(), l.name());
    }
  }

  static void fairShare(List<FairShare> shares, FamilySet fs) {
    for (FairShare f : shares) {
      if (Double.isNaN(f.fairShare())) continue;
      if (f.isUser()) fs.add("slurm_user_fairshare", f.fairShare(), f.account(), f.user());
      else fs.add("slurm_account_fairshare", f.fairShare(), f.account());
    }
  }
}
