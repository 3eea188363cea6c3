package io.orderflow.reporting.query;

import io.orderflow.orders.api.OrderReason;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.orderflow.reporting.query.OrderStory.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projection that fills a copy of the order facts, on real PostgreSQL. Copy A always gets the events once and in
 * the order they happened; copy B gets them redelivered or out of order, and must end up with the same facts.
 */
class OrderFactsProjectionTest {

    private static final Instant T0 = Instant.parse("2030-05-01T10:00:00Z");

    private final JdbcClient jdbc = FactsDatabase.jdbc();
    private final OrderFactsProjection inOrder = new OrderFactsProjection(jdbc, FactsCopy.A);
    private final OrderFactsProjection disordered = new OrderFactsProjection(jdbc, FactsCopy.B);

    @BeforeEach
    void emptyCopies() {
        FactsDatabase.clear();
    }

    @Test
    void recordsTheFactsOfACompletedOrderFromAllThreeContexts() {
        OrderStory story = OrderStory.placed("o-1", "c-1", T0, line("sku-a", 2, "10.00"), line("sku-b", 1, "5.50"))
                                     .completes(Duration.ofSeconds(40), Duration.ofSeconds(60));

        Events.applyAll(inOrder, story.events());

        Map<String, Object> row = overview(FactsCopy.A, "o-1");
        assertThat(row).containsEntry("customer_id", "c-1").containsEntry("order_status", "COMPLETED")
                       .containsEntry("payment_status", "CAPTURED").containsEntry("shipment_status", "DISPATCHED")
                       .containsEntry("stock_status", "RESERVED");
        assertThat(row.get("total").toString()).isEqualTo("25.50");
        assertThat(row.get("captured_amount").toString()).isEqualTo("25.50");
        assertThat(row.get("refunded_amount")).isNull();
        assertThat(lines(FactsCopy.A, "o-1")).containsExactly("sku-a:2:10.00", "sku-b:1:5.50");
        assertThat(timeline(FactsCopy.A, "o-1")).contains("ORDER_PLACED@" + T0,
                                                          "SHIPMENT_DISPATCHED@" + T0.plusSeconds(40),
                                                          "ORDER_COMPLETED@" + T0.plusSeconds(60));
    }

    @Test
    void recordsTheRefundedAmountBesideTheCapturedOne() {
        OrderStory story = OrderStory.placed("o-1", "c-1", T0, line("sku-a", 1, "80.00"))
                                     .completes(Duration.ofSeconds(10), Duration.ofSeconds(20))
                                     .refunded(Duration.ofDays(2));

        Events.applyAll(inOrder, story.events());

        Map<String, Object> row = overview(FactsCopy.A, "o-1");
        assertThat(row).containsEntry("payment_status", "REFUNDED");
        assertThat(row.get("captured_amount").toString()).isEqualTo("80.00");
        assertThat(row.get("refunded_amount").toString()).isEqualTo("80.00");
    }

    @Test
    void changesNothingWhenEveryEventIsDeliveredTwice() {
        List<DomainEventMessage<?>> events = mixedStories();

        Events.applyAll(inOrder, events);
        List<DomainEventMessage<?>> twice = new ArrayList<>();
        events.forEach(event -> {
            twice.add(event);
            twice.add(event);
        });
        Events.applyAll(disordered, twice);

        assertThat(snapshot(FactsCopy.B)).isEqualTo(snapshot(FactsCopy.A)).isNotEmpty();
    }

    @Test
    void changesNothingWhenTheWholeHistoryIsReplayedOverIt() {
        List<DomainEventMessage<?>> events = mixedStories();
        Events.applyAll(inOrder, events);
        Events.applyAll(disordered, events);

        Events.applyAll(disordered, events);

        assertThat(snapshot(FactsCopy.B)).isEqualTo(snapshot(FactsCopy.A));
    }

    @Test
    void convergesToTheSameFactsWhateverOrderTheContextsEventsArriveIn() {
        List<DomainEventMessage<?>> events = mixedStories();
        Events.applyAll(inOrder, events);
        List<Map<String, List<String>>> expected = List.of(snapshot(FactsCopy.A));

        Random random = new Random(42);
        for (int round = 0; round < 5; round++) {
            FactsDatabase.jdbc().sql(FactsCopy.B.sql("TRUNCATE facts.order_timeline, facts.order_line, "
                                                     + "facts.order_overview")).update();
            List<DomainEventMessage<?>> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            Events.applyAll(disordered, shuffled);

            assertThat(List.of(snapshot(FactsCopy.B))).as("shuffle %d", round).isEqualTo(expected);
        }
    }

    @Test
    void keepsTheNewerStatusWhenAnOlderEventOfTheSameAggregateArrivesLate() {
        OrderStory story = OrderStory.placed("o-1", "c-1", T0, line("sku-a", 1, "3.00"))
                                     .cancelled(OrderReason.CANCELLED_BY_CUSTOMER, Duration.ofSeconds(30));
        List<DomainEventMessage<?>> reversed = new ArrayList<>(story.events());
        Collections.reverse(reversed);

        Events.applyAll(disordered, reversed);

        assertThat(overview(FactsCopy.B, "o-1")).containsEntry("order_status", "CANCELLED")
                                                .containsEntry("reason", "CANCELLED_BY_CUSTOMER")
                                                .containsEntry("payment_status", "VOIDED")
                                                .containsEntry("stock_status", "RELEASED")
                                                .containsEntry("shipment_status", "CANCELLED");
    }

    @Test
    void fillsTheOrderPartOnceTheOrderIsHeardOfAfterItsPayment() {
        OrderStory story = OrderStory.placed("o-1", "c-1", T0, line("sku-a", 3, "2.00"))
                                     .completes(Duration.ofSeconds(5), Duration.ofSeconds(9));
        List<DomainEventMessage<?>> events = story.events();

        Events.applyAll(disordered, events.subList(1, events.size()));
        assertThat(overview(FactsCopy.B, "o-1")).containsEntry("placed_at", null)
                                                .containsEntry("payment_status", "CAPTURED");
        assertThat(lines(FactsCopy.B, "o-1")).isEmpty();
        Events.apply(disordered, events.get(0));

        Events.applyAll(inOrder, events);
        assertThat(snapshot(FactsCopy.B)).isEqualTo(snapshot(FactsCopy.A));
    }

    @Test
    void resetEmptiesItsOwnCopyOnly() {
        List<DomainEventMessage<?>> events = mixedStories();
        Events.applyAll(inOrder, events);
        Events.applyAll(disordered, events);

        disordered.reset();

        assertThat(snapshot(FactsCopy.B).get("overview")).isEmpty();
        assertThat(snapshot(FactsCopy.A).get("overview")).isNotEmpty();
    }

    /** A completed, a delivered and refunded, an out-of-stock, a declined and a cancelled order. */
    private static List<DomainEventMessage<?>> mixedStories() {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        events.addAll(OrderStory.placed("o-done", "c-1", T0, line("sku-a", 2, "10.00"))
                                .completes(Duration.ofSeconds(20), Duration.ofSeconds(30)).events());
        events.addAll(OrderStory.placed("o-back", "c-1", T0.plusSeconds(1), line("sku-b", 1, "99.99"))
                                .completes(Duration.ofSeconds(20), Duration.ofSeconds(30))
                                .delivered(Duration.ofHours(5)).refunded(Duration.ofDays(1)).events());
        events.addAll(OrderStory.placed("o-short", "c-2", T0.plusSeconds(2), line("sku-a", 500, "10.00"))
                                .outOfStock(Duration.ofSeconds(1)).events());
        events.addAll(OrderStory.placed("o-poor", "c-3", T0.plusSeconds(3), line("sku-c", 1, "7.00"))
                                .declined(Duration.ofSeconds(2)).events());
        events.addAll(OrderStory.placed("o-undo", "c-2", T0.plusSeconds(4), line("sku-c", 4, "7.00"))
                                .cancelled(OrderReason.TIMEOUT, Duration.ofSeconds(30)).events());
        return events;
    }

    private Map<String, Object> overview(FactsCopy copy, String orderId) {
        return jdbc.sql(copy.sql("SELECT * FROM facts.order_overview WHERE order_id = ?")).param(orderId)
                   .query().singleRow();
    }

    private List<String> lines(FactsCopy copy, String orderId) {
        return jdbc.sql(copy.sql("SELECT sku || ':' || quantity || ':' || unit_price FROM facts.order_line "
                                 + "WHERE order_id = ? ORDER BY sku")).param(orderId).query(String.class).list();
    }

    private List<String> timeline(FactsCopy copy, String orderId) {
        return jdbc.sql(copy.sql("SELECT step, occurred_at FROM facts.order_timeline WHERE order_id = ? "
                                 + "ORDER BY occurred_at, step")).param(orderId)
                   .query((rs, n) -> rs.getString("step") + "@" + rs.getTimestamp("occurred_at").toInstant())
                   .list();
    }

    /** Everything a copy holds, as text, sorted. */
    private Map<String, List<String>> snapshot(FactsCopy copy) {
        return Map.of("overview", rows(copy, "SELECT * FROM facts.order_overview ORDER BY order_id"),
                      "timeline", rows(copy, "SELECT * FROM facts.order_timeline ORDER BY order_id, step"),
                      "lines", rows(copy, "SELECT * FROM facts.order_line ORDER BY order_id, sku"));
    }

    private List<String> rows(FactsCopy copy, String sql) {
        return jdbc.sql(copy.sql(sql)).query().listOfRows().stream().map(Object::toString).toList();
    }
}
