package io.slurmmetrics.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.source.SlurmSource;
import java.util.List;

/**
 * Extra metric families rendered into the same collector as the core ones (the seam the accounting package plugs
 * into). The facade hands each provider its source and context on {@link #start}, asks it for families on every scrape
 * and closes it on {@code close()}.
 *
 * <p>{@link #collect} runs on the scrape path: it must return what the provider already holds, never do I/O, never
 * throw. Families it returns must be declared in {@link #definitions()}, which must all be in
 * {@link MetricCatalog}.
 */
public interface FamilyProvider extends AutoCloseable {

  /** The catalogue entries this provider renders; used for registration (name validation) and filtering. */
  List<MetricDefinition> definitions();

  /** Called once by {@code SlurmMetrics.start()}: start pollers here (daemon threads). */
  default void start(SlurmSource source, FamilyContext context) {}

  /** The provider's current families, labelled with {@code context.commonLabels()}. */
  MetricSnapshots collect(FamilyContext context);

  @Override
  default void close() {}
}
