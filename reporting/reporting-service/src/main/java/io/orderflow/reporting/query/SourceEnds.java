package io.orderflow.reporting.query;

import org.axonframework.eventhandling.TrackingToken;

import java.util.List;

/**
 * Where the event sources of the facts end right now, so a copy's position can be told as events behind. Kafka
 * topics and Axon Server event streams say it differently; the copies only need these two numbers.
 */
interface SourceEnds extends AutoCloseable {

    /** @return the sources' ends now; may block briefly, throws if the sources cannot be reached */
    Ends read();

    @Override
    void close();

    interface Ends {

        /** @return events in the sources now (from the earliest one still kept) */
        long total();

        /**
         * @param tokens the tokens of a copy's processor, one per segment ({@code null} for a segment that has read
         *               nothing yet)
         * @return events in the sources that the copy has not applied
         */
        long behind(List<TrackingToken> tokens);

        default long applied(List<TrackingToken> tokens) {
            return Math.max(0, total() - behind(tokens));
        }
    }
}
