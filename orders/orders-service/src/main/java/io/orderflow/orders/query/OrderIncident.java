package io.orderflow.orders.query;

import java.time.Instant;

/**
 * The order's saga is held: an answer it could not read, or an event it failed on after every attempt, waits as a
 * dead letter with the order's later events behind it, while every other order goes on. An operator retries it
 * after the fix, or evicts it, through the ops API ({@code /ops/dead-letters}) or the dashboard.
 *
 * @param cause         why the first of them was set aside
 * @param since         when it was set aside
 * @param eventsWaiting how many of the order's events wait, that one included
 */
public record OrderIncident(String cause, Instant since, long eventsWaiting) {
}
