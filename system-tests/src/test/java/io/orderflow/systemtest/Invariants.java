package io.orderflow.systemtest;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The invariants of the design, checked from the outside through the services' APIs for a set of orders and the
 * customers and SKUs they used (nobody else's orders touch them):
 * <ul>
 *     <li>every order exists and is over (COMPLETED, REJECTED or CANCELLED), and each customer has exactly the
 *     orders placed for them (none lost, none twice);</li>
 *     <li>no credit below zero, nothing left authorized, captured = the totals of the customer's completed orders
 *     (so nothing captured twice), each completed order captured once for its total;</li>
 *     <li>no stock below zero, nothing left reserved, on hand = received − shipped by completed orders (so reserved
 *     and released balance);</li>
 *     <li>a rejected or cancelled order has no live authorization, reservation or shipment;</li>
 *     <li>reporting shows each order as the orders service does (DELIVERED for a completed order that was
 *     delivered), captured exactly when completed.</li>
 * </ul>
 */
final class Invariants {

    private static final Set<String> TERMINAL = Set.of("COMPLETED", "REJECTED", "CANCELLED");
    private static final Set<String> LIVE_PAYMENT = Set.of("AUTHORIZED", "CAPTURED");
    private static final Set<String> LIVE_SHIPMENT = Set.of("PREPARED", "DISPATCHED", "DELIVERED");

    private final Http http;
    private final String orders;
    private final String payments;
    private final String fulfillment;
    private final String reporting;

    Invariants(Http http, String orders, String payments, String fulfillment, String reporting) {
        this.http = http;
        this.orders = orders;
        this.payments = payments;
        this.fulfillment = fulfillment;
        this.reporting = reporting;
    }

    /** What was found: the orders by outcome and every breach, described. */
    record Result(int completed, int rejected, int cancelled, List<String> breaches) {
    }

    /**
     * A cheap look, a few calls per customer and SKU, before the full check: have all the customers' orders ended,
     * is nothing left authorized or reserved?
     */
    boolean settled(Map<String, String> placed, List<String> customers, List<String> skus) {
        return unsettled(placed, customers, skus).isEmpty();
    }

    /** What keeps {@link #settled} false: orders not ended, credit still authorized, stock still reserved. */
    List<String> unsettled(Map<String, String> placed, List<String> customers, List<String> skus) {
        List<String> open = new ArrayList<>();
        long ended = 0;
        for (String customer : customers) {
            for (JsonNode order : http.get(orders + "/orders?customerId=" + customer + "&limit=1000").json()) {
                if (TERMINAL.contains(order.path("status").asString())) {
                    ended++;
                } else {
                    open.add("order " + order.path("orderId").asString() + " " + order.path("status").asString());
                }
            }
            BigDecimal authorized = http.get(payments + "/accounts/" + customer).json().path("authorized").decimalValue();
            if (authorized.signum() != 0) {
                open.add(customer + " has " + authorized + " authorized");
            }
        }
        for (String sku : skus) {
            long reserved = http.get(fulfillment + "/inventory/" + sku).json().path("reserved").asLong();
            if (reserved != 0) {
                open.add(sku + " has " + reserved + " reserved");
            }
        }
        if (open.isEmpty() && ended < placed.size()) {
            open.add(ended + " of " + placed.size() + " orders ended");
        }
        return open;
    }

    /**
     * @param placed              order id → customer, every order the clients had accepted
     * @param cancelledForTimeout set to how many orders the deadline cancelled
     */
    Result check(Map<String, String> placed, List<String> customers, BigDecimal credit, List<String> skus,
                 long stockPerSku, AtomicInteger cancelledForTimeout) {
        List<String> breaches = new ArrayList<>();
        Map<String, BigDecimal> captured = new HashMap<>();
        Map<String, Long> shipped = new HashMap<>();
        Map<String, Integer> ordersOf = new HashMap<>();
        int completed = 0;
        int rejected = 0;
        int cancelled = 0;
        int timedOut = 0;
        for (Map.Entry<String, String> entry : placed.entrySet()) {
            String orderId = entry.getKey();
            Http.Response response = http.get(orders + "/orders/" + orderId);
            if (response.status() != 200) {
                breaches.add("order " + orderId + " answered " + response);
                continue;
            }
            JsonNode order = response.json();
            String status = order.path("status").asString();
            ordersOf.merge(entry.getValue(), 1, Integer::sum);
            if (!TERMINAL.contains(status)) {
                breaches.add("order " + orderId + " is " + status);
                continue;
            }
            BigDecimal total = order.path("total").decimalValue();
            JsonNode paymentList = http.get(payments + "/payments?orderId=" + orderId).json();
            JsonNode shipmentList = http.get(fulfillment + "/shipments?orderId=" + orderId).json();
            if (status.equals("COMPLETED")) {
                completed++;
                captured.merge(entry.getValue(), total, BigDecimal::add);
                order.path("lines").forEach(line -> shipped.merge(line.path("sku").asString(),
                                                                  line.path("quantity").asLong(), Long::sum));
                if (paymentList.size() != 1 || !paymentList.get(0).path("status").asString().equals("CAPTURED")
                    || paymentList.get(0).path("amount").decimalValue().compareTo(total) != 0) {
                    breaches.add("completed order " + orderId + " of " + total + " has payments " + paymentList);
                }
                if (shipmentList.size() != 1
                    || !Set.of("DISPATCHED", "DELIVERED").contains(shipmentList.get(0).path("status").asString())) {
                    breaches.add("completed order " + orderId + " has shipments " + shipmentList);
                }
            } else {
                if (status.equals("REJECTED")) {
                    rejected++;
                } else {
                    cancelled++;
                    timedOut += order.path("reason").asString().equals("TIMEOUT") ? 1 : 0;
                }
                paymentList.forEach(payment -> {
                    if (LIVE_PAYMENT.contains(payment.path("status").asString())) {
                        breaches.add(status + " order " + orderId + " has a payment " + payment);
                    }
                });
                shipmentList.forEach(shipment -> {
                    if (LIVE_SHIPMENT.contains(shipment.path("status").asString())) {
                        breaches.add(status + " order " + orderId + " has a shipment " + shipment);
                    }
                });
            }
            Http.Response reported = http.get(reporting + "/reports/orders/" + orderId);
            JsonNode overview = reported.status() == 200 ? reported.json() : null;
            // reporting tells a delivered order from a completed one; orders keeps it COMPLETED with deliveredAt
            String reportedStatus = overview == null ? null : overview.path("status").asString().replace("DELIVERED",
                                                                                                         "COMPLETED");
            if (overview == null || !status.equals(reportedStatus)
                || overview.path("paymentStatus").asString().equals("CAPTURED") != status.equals("COMPLETED")) {
                breaches.add("reporting shows order " + orderId + " (" + status + ") as "
                             + (overview == null ? reported : overview.path("status").asString() + "/"
                                                               + overview.path("paymentStatus").asString()));
            }
        }
        for (String customer : customers) {
            JsonNode account = http.get(payments + "/accounts/" + customer).json();
            BigDecimal expected = captured.getOrDefault(customer, BigDecimal.ZERO);
            if (account.path("available").decimalValue().signum() < 0
                || account.path("authorized").decimalValue().signum() != 0
                || account.path("captured").decimalValue().compareTo(expected) != 0
                || account.path("creditLimit").decimalValue().compareTo(credit) != 0) {
                breaches.add("account " + customer + " " + account + ", completed orders total " + expected);
            }
            int known = http.get(orders + "/orders?customerId=" + customer + "&limit=1000").json().size();
            if (known != ordersOf.getOrDefault(customer, 0)) {
                breaches.add("customer " + customer + " has " + known + " orders, the clients placed "
                             + ordersOf.getOrDefault(customer, 0));
            }
        }
        for (String sku : skus) {
            JsonNode stock = http.get(fulfillment + "/inventory/" + sku).json();
            long expected = stockPerSku - shipped.getOrDefault(sku, 0L);
            if (stock.path("onHand").asLong() != expected || stock.path("reserved").asLong() != 0
                || stock.path("available").asLong() != expected || expected < 0) {
                breaches.add("stock " + sku + " " + stock + ", expected on hand " + expected);
            }
        }
        cancelledForTimeout.set(timedOut);
        return new Result(completed, rejected, cancelled, breaches);
    }
}
