package io.orderflow.reporting.query;

import java.time.Instant;

/**
 * Where the rebuild of a view stands.
 *
 * @param view            the view
 * @param state           {@code REBUILDING} while a copy is replayed, {@code IDLE} otherwise
 * @param activeCopy      the copy answering queries
 * @param rebuildingCopy  the copy being replayed, {@code null} when idle
 * @param requestedAt     when the latest rebuild was asked for
 * @param replayStartedAt when its copy was emptied and the replay from the beginning of the topics began
 * @param finishedAt      when its copy took over; {@code null} while it runs
 * @param seconds         how long the latest rebuild took (so far, while it runs)
 * @param appliedEvents   records of the topics the rebuilding copy has read so far (the whole history when idle)
 * @param totalEvents     records on the topics now
 * @param percent         {@code appliedEvents} of {@code totalEvents}
 * @param rebuilds        rebuilds completed since the service was installed
 */
public record RebuildStatus(String view, String state, String activeCopy, String rebuildingCopy, Instant requestedAt,
                            Instant replayStartedAt, Instant finishedAt, Double seconds, Long appliedEvents,
                            Long totalEvents, Double percent, int rebuilds) {
}
