package io.orderflow.fulfillment.web;

/** A receipt of goods that was recorded. */
public record Receipt(String sku, int quantity) {
}
