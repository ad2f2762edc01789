package io.meshlake.lineage;

import io.meshlake.api.TableId;
import io.meshlake.plan.Step;
import io.meshlake.quality.QualityLog;
import io.meshlake.run.RunListener;
import io.meshlake.run.TableBuild;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.utils.UUIDUtils;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Emits the events of one run's table builds, each build under a run id of its own. The first failure to
 * make or emit an event is reported once, as a warning, and ends emission for the run: the run goes on.
 */
final class LineageRun implements RunListener.Builds {
  private final OpenLineageClient client;
  private final BuildEvents events;
  private final String destination;
  private final Consumer<String> progress;
  private final Map<TableId, UUID> runs = new HashMap<>();
  private boolean stopped;

  LineageRun(OpenLineageClient client, BuildEvents events, String destination, Consumer<String> progress) {
    this.client = client;
    this.events = events;
    this.destination = destination;
    this.progress = progress;
  }

  @Override
  public void started(Step step, Instant at) {
    UUID run = UUIDUtils.generateNewUUID();
    runs.put(step.id(), run);
    emit(() -> events.start(step, run, at));
  }

  @Override
  public void ended(Step step, TableBuild build, Optional<QualityLog.Entry> gate) {
    UUID run = runs.remove(step.id());
    if (run != null) {
      emit(() -> events.end(step, run, build, gate));
    }
  }

  private void emit(Supplier<OpenLineage.RunEvent> event) {
    if (stopped) {
      return;
    }
    try {
      client.emit(event.get());
    } catch (RuntimeException | LinkageError e) {
      stopped = true;
      progress.accept(warning(destination, e));
    }
  }

  /** The one warning a run shows when its lineage events cannot be emitted. */
  static String warning(String destination, Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String reason = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    return "      warning: lineage events of this run are not emitted to " + destination + " (" + reason + "); the run"
        + " goes on. Check the environment's lineage: settings, or set lineage.transport: none";
  }
}
