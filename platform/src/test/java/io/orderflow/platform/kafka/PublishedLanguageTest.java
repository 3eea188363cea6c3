package io.orderflow.platform.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedLanguageTest {

    @Test
    void acceptsTheRecordsOfApiPackages() {
        assertThat(PublishedLanguage.contains(io.orderflow.platform.kafka.api.SomethingHappenedEvent.class)).isTrue();
    }

    @Test
    void refusesInternalEventsOfAService() {
        assertThat(PublishedLanguage.contains(PublishedLanguageTest.class)).isFalse();
        assertThat(PublishedLanguage.contains(String.class)).isFalse();
    }
}
