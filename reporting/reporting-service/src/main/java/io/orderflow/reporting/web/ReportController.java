package io.orderflow.reporting.web;

import io.orderflow.platform.security.Caller;
import io.orderflow.platform.web.Ids;
import io.orderflow.platform.web.NotFoundException;
import io.orderflow.reporting.query.FactsCopies;
import io.orderflow.reporting.query.FactsCopy;
import io.orderflow.reporting.query.Freshness;
import io.orderflow.reporting.query.OrderOverview;
import io.orderflow.reporting.query.OrderOverviewQueries;
import io.orderflow.reporting.query.ReportQueries;
import io.orderflow.reporting.query.Tabular;
import io.orderflow.reporting.query.CustomerReport;
import io.orderflow.reporting.query.DailySalesReport;
import io.orderflow.reporting.query.LeadTimesReport;
import io.orderflow.reporting.query.OutcomesReport;
import io.orderflow.reporting.query.TopProductsReport;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * The reports, as JSON or, with {@code Accept: text/csv}, as CSV. Each answer says how fresh it is: in a
 * {@code freshness} field of the JSON and in {@code Report-As-Of}, {@code Report-Lag-Events} and
 * {@code Report-Lag-Seconds} headers. Days are UTC days; a range is {@code from}..{@code to}, both included, at most
 * {@value #MAX_DAYS} days, the last 30 days by default. A customer reads their own order and customer report; the
 * reports across customers are for operators (see {@code orderflow.security.operator-paths}).
 */
@RestController
@Validated
public class ReportController {

    static final int MAX_DAYS = 366;
    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String CSV = CsvMessageConverter.TEXT_CSV_VALUE;

    private final FactsCopies copies;
    private final ReportQueries reports;
    private final OrderOverviewQueries overviews;
    private final Clock clock = Clock.systemUTC();

    public ReportController(FactsCopies copies, ReportQueries reports, OrderOverviewQueries overviews) {
        this.copies = copies;
        this.reports = reports;
        this.overviews = overviews;
    }

    @GetMapping(path = "/reports/orders/{orderId}", produces = {JSON, CSV})
    public ResponseEntity<Report<OrderOverview>> order(
            @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId) {
        Caller caller = Caller.current();
        return answer(copy -> overviews.find(copy, orderId).filter(order -> caller.actsFor(order.customerId())).orElseThrow(
                () -> new NotFoundException("No event about order " + orderId + " has arrived")));
    }

    @GetMapping(path = "/reports/sales/daily", produces = {JSON, CSV})
    public ResponseEntity<Report<DailySalesReport>> dailySales(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Range range = range(from, to);
        return answer(copy -> reports.dailySales(copy, range.from, range.to));
    }

    @GetMapping(path = "/reports/products/top", produces = {JSON, CSV})
    public ResponseEntity<Report<TopProductsReport>> topProducts(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "10") @Min(1) @Max(1000) int limit) {
        Range range = range(from, to);
        return answer(copy -> reports.topProducts(copy, range.from, range.to, limit));
    }

    @GetMapping(path = "/reports/customers/{customerId}", produces = {JSON, CSV})
    public ResponseEntity<Report<CustomerReport>> customer(
            @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId) {
        Caller.current().requireActsFor(customerId);
        return answer(copy -> reports.customer(copy, customerId).orElseThrow(
                () -> new NotFoundException("No event about customer " + customerId + " has arrived")));
    }

    @GetMapping(path = "/reports/fulfillment/lead-times", produces = {JSON, CSV})
    public ResponseEntity<Report<LeadTimesReport>> leadTimes(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Range range = range(from, to);
        return answer(copy -> reports.leadTimes(copy, range.from, range.to));
    }

    @GetMapping(path = "/reports/outcomes", produces = {JSON, CSV})
    public ResponseEntity<Report<OutcomesReport>> outcomes() {
        return answer(reports::outcomes);
    }

    /** Computes the report from the active copy, with that copy's freshness measured before the query ran. */
    private <T extends Tabular> ResponseEntity<Report<T>> answer(Function<FactsCopy, T> query) {
        FactsCopy copy = copies.active();
        Freshness freshness = copies.freshness(copy);
        T report = query.apply(copy);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().header("Report-Copy", freshness.copy());
        if (freshness.asOf() != null) {
            response.header("Report-As-Of", freshness.asOf().toString())
                    .header("Report-Lag-Seconds", String.valueOf(freshness.lagSeconds()));
        }
        if (freshness.lagEvents() != null) {
            response.header("Report-Lag-Events", String.valueOf(freshness.lagEvents()));
        }
        return response.body(new Report<>(report, freshness));
    }

    private Range range(LocalDate from, LocalDate to) {
        LocalDate last = to != null ? to : LocalDate.now(clock);
        LocalDate first = from != null ? from : last.minusDays(29);
        if (first.isAfter(last)) {
            throw new BadReportParameterException("from", "must not be after to (" + last + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new BadReportParameterException("from", "must be at most " + MAX_DAYS + " days before to");
        }
        return new Range(first, last);
    }

    private record Range(LocalDate from, LocalDate to) {
    }
}
