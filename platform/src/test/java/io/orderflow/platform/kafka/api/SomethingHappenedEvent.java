package io.orderflow.platform.kafka.api;

public record SomethingHappenedEvent(String id) {
}
