package io.orderflow.reporting.query;

import io.orderflow.orders.api.OrderReason;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.orderflow.reporting.query.OrderStory.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each report over a copy of the facts filled by the projection, on real PostgreSQL. */
class ReportQueriesTest {

    private static final LocalDate DAY1 = LocalDate.parse("2030-06-01");
    private static final Instant NOON1 = DAY1.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
    /** Five minutes before midnight of day 1: what happens six minutes later belongs to day 2. */
    private static final Instant LATE1 = DAY1.atTime(23, 55).toInstant(java.time.ZoneOffset.UTC);

    private final JdbcClient jdbc = FactsDatabase.jdbc();
    private final ReportQueries reports = new ReportQueries(jdbc);
    private final OrderFactsProjection copyA = new OrderFactsProjection(jdbc, FactsCopy.A);
    private final OrderFactsProjection copyB = new OrderFactsProjection(jdbc, FactsCopy.B);

    @BeforeEach
    void emptyCopies() {
        FactsDatabase.clear();
    }

    @Test
    void countsEachDaysOrdersByOutcomeAndItsRevenueOnTheUtcDayEachStepHappened() {
        apply(workload());

        DailySalesReport report = reports.dailySales(FactsCopy.A, DAY1, DAY1.plusDays(2));

        assertThat(report.days()).hasSize(3);
        DailySalesReport.Day day1 = report.days().get(0);
        assertThat(day1.placed()).isEqualTo(6);
        assertThat(day1.completed()).isEqualTo(2);
        assertThat(day1.rejected()).isEqualTo(2);
        assertThat(day1.rejectedByReason()).containsEntry("OUT_OF_STOCK", 1L).containsEntry("PAYMENT_DECLINED", 1L);
        assertThat(day1.cancelled()).isEqualTo(1);
        assertThat(day1.cancelledByReason()).containsEntry("CANCELLED_BY_CUSTOMER", 1L).containsEntry("TIMEOUT", 0L);
        assertThat(day1.captures()).isEqualTo(2);
        assertThat(day1.grossRevenue()).isEqualByComparingTo("120.00");
        assertThat(day1.averageOrderValue()).isEqualByComparingTo("60.00");
        assertThat(day1.refunds()).isEqualByComparingTo("0");

        DailySalesReport.Day day2 = report.days().get(1);
        assertThat(day2.placed()).isZero();
        assertThat(day2.completed()).isEqualTo(1);
        assertThat(day2.grossRevenue()).isEqualByComparingTo("30.00");
        assertThat(day2.refunds()).isEqualByComparingTo("100.00");

        DailySalesReport.Day day3 = report.days().get(2);
        assertThat(day3.placed()).isZero();
        assertThat(day3.captures()).isZero();
        assertThat(day3.averageOrderValue()).isNull();
    }

    @Test
    void ranksTheProductsOfCompletedOrdersByRevenue() {
        apply(workload());

        TopProductsReport report = reports.topProducts(FactsCopy.A, DAY1, DAY1.plusDays(1), 10);

        assertThat(report.products()).extracting(p -> p.sku() + ":" + p.unitsSold() + ":" + p.revenue() + ":"
                                                      + p.orders())
                                     .containsExactly("sku-b:1:100.00:1", "sku-a:5:50.00:2");
        assertThat(reports.topProducts(FactsCopy.A, DAY1, DAY1.plusDays(1), 1).products()).hasSize(1);
        assertThat(reports.topProducts(FactsCopy.A, DAY1, DAY1, 10).products())
                .extracting(TopProductsReport.Product::sku).containsExactly("sku-b", "sku-a");
        assertThat(reports.topProducts(FactsCopy.A, DAY1.plusDays(1), DAY1.plusDays(1), 10).products())
                .extracting(p -> p.sku() + ":" + p.unitsSold()).containsExactly("sku-a:3");
    }

    @Test
    void summarisesACustomersOrdersAndWhatTheySpent() {
        apply(workload());

        CustomerReport report = reports.customer(FactsCopy.A, "c-1").orElseThrow();

        assertThat(report.orders()).isEqualTo(4);
        assertThat(report.completed()).isEqualTo(3);
        assertThat(report.cancelled()).isEqualTo(1);
        assertThat(report.rejected()).isZero();
        assertThat(report.totalSpent()).isEqualByComparingTo("50.00");
        assertThat(report.lastOrderId()).isEqualTo("o-late");
        assertThat(report.lastOrderAt()).isEqualTo(LATE1);
        assertThat(reports.customer(FactsCopy.A, "c-nobody")).isEmpty();
    }

    @Test
    void measuresLeadTimePercentilesFromPlacedToDispatchedAndCompleted() {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            events.addAll(OrderStory.placed("o-" + i, "c-" + i, NOON1.plusSeconds(i), line("sku-a", 1, "1.00"))
                                    .completes(Duration.ofSeconds(i), Duration.ofSeconds(2L * i)).events());
        }
        events.addAll(OrderStory.placed("o-open", "c-x", NOON1, line("sku-a", 1, "1.00")).events());
        apply(events);

        LeadTimesReport report = reports.leadTimes(FactsCopy.A, DAY1, DAY1);

        assertThat(report.placedToDispatched().orders()).isEqualTo(100);
        assertThat(report.placedToDispatched().p50()).isCloseTo(50.5, within(0.01));
        assertThat(report.placedToDispatched().p90()).isCloseTo(90.1, within(0.01));
        assertThat(report.placedToDispatched().p99()).isCloseTo(99.01, within(0.01));
        assertThat(report.placedToCompleted().p50()).isCloseTo(101.0, within(0.01));
        assertThat(reports.leadTimes(FactsCopy.A, DAY1.plusDays(1), DAY1.plusDays(1)).placedToCompleted())
                .isEqualTo(new LeadTimesReport.LeadTime(0, null, null, null));
    }

    @Test
    void sharesTheOrdersByHowTheirTransactionEnded() {
        apply(workload());

        OutcomesReport report = reports.outcomes(FactsCopy.A);

        assertThat(report.ended()).isEqualTo(6);
        assertThat(report.inProgress()).isEqualTo(0);
        assertThat(report.outcomes()).extracting(o -> o.outcome() + "/" + o.reason() + "=" + o.count())
                                     .containsExactlyInAnyOrder("COMPLETED/null=3", "REJECTED/OUT_OF_STOCK=1",
                                                                "REJECTED/PAYMENT_DECLINED=1",
                                                                "CANCELLED/CANCELLED_BY_CUSTOMER=1");
        assertThat(report.outcomes().get(0).outcome()).isEqualTo("COMPLETED");
        assertThat(report.outcomes().get(0).share()).isEqualTo(0.5);
        assertThat(report.outcomes().stream().mapToDouble(OutcomesReport.Outcome::share).sum())
                .isCloseTo(1.0, within(0.001));
    }

    @Test
    void answersTheSameReportsAfterRedeliveredAndReorderedEvents() {
        List<DomainEventMessage<?>> events = workload();
        Events.applyAll(copyA, events);
        List<DomainEventMessage<?>> messy = new ArrayList<>(events);
        messy.addAll(events.subList(0, events.size() / 2));
        Collections.shuffle(messy, new Random(7));
        Events.applyAll(copyB, messy);

        assertThat(reports.dailySales(FactsCopy.B, DAY1, DAY1.plusDays(2)))
                .isEqualTo(reports.dailySales(FactsCopy.A, DAY1, DAY1.plusDays(2)));
        assertThat(reports.topProducts(FactsCopy.B, DAY1, DAY1.plusDays(2), 10))
                .isEqualTo(reports.topProducts(FactsCopy.A, DAY1, DAY1.plusDays(2), 10));
        assertThat(reports.customer(FactsCopy.B, "c-1")).isEqualTo(reports.customer(FactsCopy.A, "c-1"));
        assertThat(reports.leadTimes(FactsCopy.B, DAY1, DAY1.plusDays(2)))
                .isEqualTo(reports.leadTimes(FactsCopy.A, DAY1, DAY1.plusDays(2)));
        assertThat(reports.outcomes(FactsCopy.B)).isEqualTo(reports.outcomes(FactsCopy.A));
    }

    /**
     * Day 1: six orders placed. Two complete on day 1 (sku-b 100.00, refunded on day 2; sku-a 2 × 10.00), one placed
     * late on day 1 completes on day 2 (sku-a 3 × 10.00), one is out of stock, one declined, one cancelled.
     */
    private static List<DomainEventMessage<?>> workload() {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        events.addAll(OrderStory.placed("o-big", "c-1", NOON1, line("sku-b", 1, "100.00"))
                                .completes(Duration.ofMinutes(1), Duration.ofMinutes(2))
                                .refunded(Duration.ofDays(1)).events());
        events.addAll(OrderStory.placed("o-small", "c-1", NOON1.plusSeconds(5), line("sku-a", 2, "10.00"))
                                .completes(Duration.ofMinutes(1), Duration.ofMinutes(2)).events());
        events.addAll(OrderStory.placed("o-late", "c-1", LATE1, line("sku-a", 3, "10.00"))
                                .completes(Duration.ofMinutes(3), Duration.ofMinutes(6)).events());
        events.addAll(OrderStory.placed("o-short", "c-2", NOON1, line("sku-a", 50, "10.00"))
                                .outOfStock(Duration.ofSeconds(1)).events());
        events.addAll(OrderStory.placed("o-poor", "c-3", NOON1, line("sku-c", 1, "700.00"))
                                .declined(Duration.ofSeconds(1)).events());
        events.addAll(OrderStory.placed("o-undo", "c-1", NOON1, line("sku-c", 1, "7.00"))
                                .cancelled(OrderReason.CANCELLED_BY_CUSTOMER, Duration.ofSeconds(30)).events());
        return events;
    }

    private void apply(List<DomainEventMessage<?>> events) {
        Events.applyAll(copyA, events);
    }

}
