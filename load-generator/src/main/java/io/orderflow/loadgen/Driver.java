package io.orderflow.loadgen;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Sets up customers and stock, places orders at a rate or from a number of clients, and collects their outcomes. */
final class Driver {

    private static final BigDecimal RICH = new BigDecimal("1000000000.00");
    private static final int STOCK_PER_SKU = 1_000_000;
    private static final int SCARCE_ORDER_QUANTITY = 10_000;
    /** The most orders {@code GET /orders?customerId=} lists; a run must not give one customer more orders. */
    private static final int MAX_ORDERS_LISTED = 1000;

    private final Options options;
    private final Urls urls;
    private final Http http = new Http();
    private final String run = Long.toString(System.currentTimeMillis() % 100_000_000, 36);
    private final List<String> customers = new ArrayList<>();
    private final List<String> poorCustomers = new ArrayList<>();
    private final List<String> skus = new ArrayList<>();
    private final String scarceSku = "scarce-" + run;
    private final long epochMicrosAtStart;
    private final long nanosAtStart;
    private final SplittableRandom random = new SplittableRandom(42);

    record Urls(String orders, String payments, String fulfillment, String reporting) {
    }

    Driver(Options options, Urls urls) {
        this.options = options;
        this.urls = urls;
        Instant now = Instant.now();
        this.nanosAtStart = System.nanoTime();
        this.epochMicrosAtStart = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    long wallMicros(long nanoTime) {
        return epochMicrosAtStart + (nanoTime - nanosAtStart) / 1000;
    }

    long nowMicros() {
        return wallMicros(System.nanoTime());
    }

    /** Opens the accounts (rich ones and a few with no credit) and receives stock for every SKU. */
    void setUp() {
        for (int i = 0; i < options.customers(); i++) {
            customers.add("cust-" + run + "-" + i);
        }
        for (int i = 0; i < Math.max(1, options.customers() / 10); i++) {
            poorCustomers.add("poor-" + run + "-" + i);
        }
        for (int i = 0; i < options.skus(); i++) {
            skus.add("sku-" + run + "-" + i);
        }
        List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Http.Response>> futures = new ArrayList<>();
            for (String c : customers) {
                futures.add(pool.submit(() -> http.post(urls.payments() + "/accounts",
                                                        Map.of("customerId", c, "creditLimit", RICH))));
            }
            for (String c : poorCustomers) {
                futures.add(pool.submit(() -> http.post(urls.payments() + "/accounts",
                                                        Map.of("customerId", c, "creditLimit", BigDecimal.ZERO))));
            }
            for (String sku : skus) {
                futures.add(pool.submit(() -> http.post(urls.fulfillment() + "/inventory/" + sku + "/receipts",
                                                        Map.of("quantity", STOCK_PER_SKU))));
            }
            futures.add(pool.submit(() -> http.post(urls.fulfillment() + "/inventory/" + scarceSku + "/receipts",
                                                    Map.of("quantity", 1))));
            for (var f : futures) {
                Http.Response r = f.get(60, TimeUnit.SECONDS);
                if (!r.ok()) {
                    throw new IllegalStateException("Set-up call failed: " + r.status() + " " + r.body());
                }
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        calls.clear();
    }

    /** Open loop: one order every 1/rate seconds whatever the system does, for the step's duration. */
    List<OrderRecord> openLoop(double rate, long durationNanos) {
        List<OrderRecord> records = Collections.synchronizedList(new ArrayList<>());
        long interval = Math.round(1e9 / rate);
        long start = System.nanoTime();
        for (long i = 0; ; i++) {
            long due = start + i * interval;
            if (due - start >= durationNanos) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            OrderRecord record = new OrderRecord(nextKind(), wallMicros(due));
            records.add(record);
            placeAsync(record);
        }
        return records;
    }

    /** Closed loop: each client places an order, waits until it reached its outcome, and places the next. */
    List<OrderRecord> closedLoop(int clients, long durationNanos) {
        List<OrderRecord> records = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + durationNanos;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            SplittableRandom clientRandom = random.split();
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    OrderRecord record = new OrderRecord(nextKind(clientRandom), nowMicros());
                    records.add(record);
                    try {
                        placeAsync(record).join();
                        if (record.accepted()) {
                            awaitOutcome(record, end + options.drainTimeout().toNanos());
                        }
                    } catch (RuntimeException e) {
                        record.error = String.valueOf(e.getMessage());
                    }
                }
            }, "client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return records;
    }

    private void awaitOutcome(OrderRecord record, long giveUpNanos) {
        while (System.nanoTime() < giveUpNanos) {
            LockSupport.parkNanos(options.pollInterval().toNanos());
            Http.Response r = http.get(urls.orders() + "/orders/" + record.orderId);
            if (r.ok()) {
                String status = r.json().path("status").asString();
                if (OrderRecord.TERMINAL.contains(status)) {
                    return;
                }
            }
        }
    }

    private CompletableFuture<Void> placeAsync(OrderRecord record) {
        String customer;
        String sku;
        int quantity = 1;
        switch (record.kind) {
            case DECLINED -> {
                customer = poorCustomers.get(Math.floorMod(record.hashCode(), poorCustomers.size()));
                sku = skus.get(Math.floorMod(record.hashCode() >> 3, skus.size()));
            }
            case OUT_OF_STOCK -> {
                customer = customers.get(Math.floorMod(record.hashCode(), customers.size()));
                sku = scarceSku;
                quantity = SCARCE_ORDER_QUANTITY;
            }
            default -> {
                customer = customers.get(Math.floorMod(record.hashCode(), customers.size()));
                sku = skus.get(Math.floorMod(record.hashCode() >> 3, skus.size()));
            }
        }
        Map<String, Object> body = Map.of("customerId", customer,
                                          "lines", List.of(Map.of("sku", sku, "quantity", quantity,
                                                                  "unitPrice", new BigDecimal("10.00"))));
        return http.postAsync(urls.orders() + "/orders", body).handle((response, failure) -> {
            record.acceptedMicros = nowMicros();
            if (failure != null) {
                record.error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
                return null;
            }
            record.httpStatus = response.status();
            if (response.status() == 503 && response.retryAfter()) {
                record.refused = true;
                return null;
            }
            if (response.status() != 202) {
                record.error = "POST /orders answered " + response.status() + ": " + abbreviate(response.body());
                return null;
            }
            record.orderId = response.json().path("orderId").asString();
            return record;
        }).thenCompose(accepted -> {
            if (accepted == null || record.kind != OrderKind.CANCELLED) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> cancelled = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(options.cancelDelay().toMillis(), TimeUnit.MILLISECONDS).execute(
                    () -> http.postAsync(urls.orders() + "/orders/" + record.orderId + "/cancel", Map.of())
                              .whenComplete((r, f) -> {
                                  record.cancelStatus = f != null ? -1 : r.status();
                                  if (f != null || (r.status() != 202 && r.status() != 409)) {
                                      record.error = "cancel answered " + (f != null ? f.getMessage()
                                                                                     : r.status() + " " + abbreviate(r.body()));
                                  }
                                  cancelled.complete(null);
                              }));
            return cancelled;
        });
    }

    /**
     * Waits until reporting shows every accepted order in a terminal state, reading each order's timeline, or until
     * the drain timeout.
     *
     * @return seconds from the call until the last order was seen terminal
     */
    double collectOutcomes(List<OrderRecord> records, long sentAllAtNanos) {
        long giveUp = System.nanoTime() + options.drainTimeout().toNanos();
        List<OrderRecord> pending = new ArrayList<>();
        // wait for the POSTs still in flight
        while (System.nanoTime() < giveUp) {
            synchronized (records) {
                if (records.stream().allMatch(r -> r.acceptedMicros != 0)) {
                    break;
                }
            }
            LockSupport.parkNanos(10_000_000);
        }
        synchronized (records) {
            records.stream().filter(OrderRecord::accepted).forEach(pending::add);
        }
        // Each round asks orders for the status of every customer's orders (one call per customer, not per order)
        // and reads reporting's timeline only of the orders that ended: polling must not load the system it measures.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            while (!pending.isEmpty() && System.nanoTime() < giveUp) {
                Map<String, String> statuses = statusesOfAllCustomers();
                List<java.util.concurrent.Future<?>> reads = new ArrayList<>();
                for (OrderRecord record : pending) {
                    String status = statuses.get(record.orderId);
                    if (status != null && OrderRecord.TERMINAL.contains(status)) {
                        reads.add(pool.submit(() -> readOverview(record)));
                    } else if (status != null) {
                        record.status = status;
                    }
                }
                for (var f : reads) {
                    try {
                        f.get();
                    } catch (Exception e) {
                        // read again in the next round
                    }
                }
                pending.removeIf(r -> r.terminal() && r.terminalMicros() > 0);
                if (!pending.isEmpty()) {
                    LockSupport.parkNanos(1_000_000_000);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (OrderRecord r : pending) {
            r.error = "no outcome within the drain timeout (status " + r.status + ")";
        }
        long last = records.stream().mapToLong(OrderRecord::terminalMicros).max().orElse(0);
        return Math.max(0, (last - wallMicros(sentAllAtNanos)) / 1e6);
    }

    /** @return order id → status of the latest orders of every customer of this run, as orders' own view has them */
    private Map<String, String> statusesOfAllCustomers() {
        Map<String, String> statuses = new java.util.HashMap<>();
        List<String> everyone = new ArrayList<>(customers);
        everyone.addAll(poorCustomers);
        for (String customer : everyone) {
            Http.Response r = http.get(urls.orders() + "/orders?limit=" + MAX_ORDERS_LISTED + "&customerId=" + customer);
            if (r.ok()) {
                for (JsonNode order : r.json()) {
                    statuses.put(order.path("orderId").asString(), order.path("status").asString());
                }
            }
        }
        return statuses;
    }

    private void readOverview(OrderRecord record) {
        Http.Response r = http.get(urls.reporting() + "/reports/orders/" + record.orderId);
        if (!r.ok()) {
            return;
        }
        JsonNode overview = r.json();
        for (JsonNode entry : overview.path("timeline")) {
            Instant at = Instant.parse(entry.path("at").asString());
            record.timeline.putIfAbsent(entry.path("step").asString(),
                                        at.getEpochSecond() * 1_000_000 + at.getNano() / 1000);
        }
        record.reason = overview.path("reason").isNull() ? null : overview.path("reason").asString();
        record.status = overview.path("status").asString();
    }

    private OrderKind nextKind() {
        return OrderKind.pick(options.mix(), random.nextDouble());
    }

    private OrderKind nextKind(SplittableRandom r) {
        return OrderKind.pick(options.mix(), r.nextDouble());
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
