package io.orderflow.reporting.web;

import io.orderflow.platform.web.Ids;
import io.orderflow.platform.web.NotFoundException;
import io.orderflow.reporting.query.OrderOverview;
import io.orderflow.reporting.query.OrderOverviewQueries;
import jakarta.validation.constraints.Pattern;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reports over every context's events. */
@RestController
@Validated
public class OrderOverviewController {

    private final OrderOverviewQueries queries;

    public OrderOverviewController(OrderOverviewQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/reports/orders/{orderId}")
    public OrderOverview order(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId) {
        return queries.find(orderId)
                      .orElseThrow(() -> new NotFoundException("No event about order " + orderId + " has arrived"));
    }
}
