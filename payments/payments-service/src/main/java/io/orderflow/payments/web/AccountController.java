package io.orderflow.payments.web;

import io.orderflow.payments.api.OpenAccountCommand;
import io.orderflow.payments.query.AccountSummary;
import io.orderflow.payments.query.PaymentQueries;
import io.orderflow.payments.query.PaymentSummary;
import io.orderflow.platform.security.Caller;
import io.orderflow.platform.web.Ids;
import io.orderflow.platform.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.RoundingMode;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Customer accounts and the payments they hold. Opening an account (setting a credit line) is for operators (see
 * {@code orderflow.security.operator-paths}); a customer reads only their own account and payments.
 */
@RestController
@Validated
public class AccountController {

    private final CommandGateway commands;
    private final PaymentQueries queries;

    public AccountController(CommandGateway commands, PaymentQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping("/accounts")
    public ResponseEntity<Map<String, Object>> open(@Valid @RequestBody OpenAccountRequest request) {
        commands.sendAndWait(new OpenAccountCommand(request.customerId(),
                                                    request.creditLimit().setScale(2, RoundingMode.UNNECESSARY)));
        return ResponseEntity.created(URI.create("/accounts/" + request.customerId()))
                             .body(Map.of("customerId", request.customerId(),
                                          "creditLimit", request.creditLimit().setScale(2, RoundingMode.UNNECESSARY)));
    }

    @GetMapping("/accounts/{customerId}")
    public AccountSummary account(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId) {
        Caller.current().requireActsFor(customerId);
        return queries.account(customerId)
                      .orElseThrow(() -> new NotFoundException("Customer " + customerId + " has no account"));
    }

    @GetMapping("/payments")
    public List<PaymentSummary> payments(@RequestParam @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId) {
        Caller caller = Caller.current();
        return queries.paymentsOfOrder(orderId).stream().filter(payment -> caller.actsFor(payment.customerId()))
                      .toList();
    }
}
