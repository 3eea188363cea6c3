package io.orderflow.reporting.query;

import java.time.Duration;
import java.time.Instant;

/**
 * How fresh a copy of the facts is.
 *
 * @param copy       the copy that answered
 * @param asOf       the latest instant at which the copy was seen to hold every event the three topics had by then;
 *                   {@code null} until it first caught up
 * @param lagEvents  records on the topics the copy had not yet applied when last measured; {@code null} before the
 *                   first measurement
 * @param lagSeconds how long ago {@code asOf} is: an upper bound on how far behind the sources the answer may be
 */
public record Freshness(String copy, Instant asOf, Long lagEvents, Double lagSeconds) {

    static Freshness of(FactsCopy copy, Instant asOf, Long lagEvents, Instant now) {
        Double lagSeconds = asOf == null ? null : Math.max(0, Duration.between(asOf, now).toMillis()) / 1000.0;
        return new Freshness(copy.id(), asOf, lagEvents, lagSeconds);
    }
}
