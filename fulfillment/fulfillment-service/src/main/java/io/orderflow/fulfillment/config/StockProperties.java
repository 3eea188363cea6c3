package io.orderflow.fulfillment.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How stock items are stored.
 *
 * @param snapshotThreshold events after which a stock item is snapshotted, so loading a busy SKU stays cheap
 */
@ConfigurationProperties("orderflow.fulfillment.stock")
public record StockProperties(int snapshotThreshold) {
}
