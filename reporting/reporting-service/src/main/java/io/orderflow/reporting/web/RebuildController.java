package io.orderflow.reporting.web;

import io.orderflow.platform.web.NotFoundException;
import io.orderflow.reporting.query.FactsCopies;
import io.orderflow.reporting.query.RebuildStatus;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilding a view without downtime. Every report is computed from one view, {@value FactsCopies#VIEW} (the order
 * facts), so that is the view to rebuild.
 */
@RestController
@Validated
public class RebuildController {

    private static final String VIEW_PATTERN = "[a-z][a-z0-9-]{0,63}";

    private final FactsCopies copies;

    public RebuildController(FactsCopies copies) {
        this.copies = copies;
    }

    /** Starts replaying the standby copy from the beginning of the topics; 202 with the rebuild's status. */
    @PostMapping("/reports/admin/rebuild/{view}")
    public ResponseEntity<RebuildStatus> rebuild(
            @PathVariable @Pattern(regexp = VIEW_PATTERN, message = "must be a view name such as order-facts")
            String view) {
        known(view);
        return ResponseEntity.accepted().body(copies.requestRebuild());
    }

    @GetMapping("/reports/admin/rebuild/{view}")
    public RebuildStatus status(
            @PathVariable @Pattern(regexp = VIEW_PATTERN, message = "must be a view name such as order-facts")
            String view) {
        known(view);
        return copies.status();
    }

    private static void known(String view) {
        if (!FactsCopies.VIEW.equals(view)) {
            throw new NotFoundException("No view " + view + "; the reports are computed from " + FactsCopies.VIEW);
        }
    }
}
