package io.orderflow.reporting.query;

import java.util.Locale;

/**
 * One of the two copies of the order facts every report is computed from: a schema of its own, filled by a tracking
 * processor of its own. One copy answers queries; the other is the one a rebuild replays into.
 */
public enum FactsCopy {
    A, B;

    /** @return the schema holding this copy's tables */
    public String schema() {
        return "facts_" + id();
    }

    /** @return the event processor (and processing group) that fills this copy */
    public String processorName() {
        return "order-facts-" + id();
    }

    /** @return how the copy is named in the API and in {@code report_copy} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public FactsCopy other() {
        return this == A ? B : A;
    }

    public static FactsCopy of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** @return {@code sql} with every {@code facts.} table prefix pointing at this copy's schema */
    String sql(String sql) {
        return sql.replace("facts.", schema() + ".");
    }
}
