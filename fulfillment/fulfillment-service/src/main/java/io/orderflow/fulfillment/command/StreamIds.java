package io.orderflow.fulfillment.command;

/**
 * The event-stream identifiers of reservations and shipments. The three aggregates share one event store whose
 * streams are keyed by identifier alone, while SKUs, order ids and shipment ids come from different senders and may
 * well coincide (a saga may use an order's id for its shipment). A type prefix keeps the streams apart; SKUs are
 * stored as they are and never contain the separator.
 */
final class StreamIds {

    static final char SEPARATOR = '/';

    private StreamIds() {
    }

    static String reservation(String orderId) {
        return "reservation" + SEPARATOR + orderId;
    }

    static String shipment(String shipmentId) {
        return "shipment" + SEPARATOR + shipmentId;
    }
}
