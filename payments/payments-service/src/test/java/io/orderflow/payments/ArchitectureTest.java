package io.orderflow.payments;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.orderflow.platform.test.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = ServiceArchitecture.importOrderFlow();

    @Test
    void usesOtherContextsOnlyThroughTheirApi() {
        ServiceArchitecture.usesOtherContextsOnlyThroughTheirApi("payments").check(classes);
    }

    @Test
    void keepsThePublishedLanguagesFreeOfFrameworks() {
        ServiceArchitecture.apisArePlainRecords().check(classes);
    }

    @Test
    void keepsDomainCodeOutOfThePlatform() {
        ServiceArchitecture.platformHasNoDomainCode().check(classes);
    }

    @Test
    void refersToNoXStream() {
        ServiceArchitecture.usesNoXStream().check(classes);
    }

    @Test
    void readsAndWritesWithJackson3Only() {
        ServiceArchitecture.usesJackson3Only().check(classes);
    }
}
