package io.orderflow.platform.test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module boundaries of DESIGN.md as rules: a service uses other contexts only through their {@code *-api}
 * modules, and an {@code *-api} module is plain records (no Spring, no persistence, no serialization framework).
 */
public final class ServiceArchitecture {

    private static final List<String> CONTEXTS = List.of("orders", "payments", "fulfillment", "reporting");

    private ServiceArchitecture() {
    }

    /** @return the production classes of OrderFlow on the class path (services, apis, platform) */
    public static JavaClasses importOrderFlow() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                      .importPackages("io.orderflow");
    }

    /**
     * @param context the service's context, e.g. {@code payments}
     * @return the rule that its classes touch no other context's internals
     */
    public static ArchRule usesOtherContextsOnlyThroughTheirApi(String context) {
        DescribedPredicate<JavaClass> otherInternals = DescribedPredicate.alwaysFalse();
        for (String other : CONTEXTS) {
            if (!other.equals(context)) {
                otherInternals = otherInternals.or(resideInAPackage("io.orderflow." + other + "..")
                                                           .and(DescribedPredicate.not(
                                                                   resideInAPackage("io.orderflow." + other + ".api.."))));
            }
        }
        return noClasses().that().resideInAPackage("io.orderflow." + context + "..")
                          .should().dependOnClassesThat(otherInternals.as("another context's internals"));
    }

    /** @return the rule that the published languages depend on no framework but Axon's modelling annotations */
    public static ArchRule apisArePlainRecords() {
        return noClasses().that().resideInAPackage("io.orderflow.*.api..")
                          .should().dependOnClassesThat(resideInAnyPackage("org.springframework..",
                                                                           "jakarta.persistence..",
                                                                           "javax.persistence..",
                                                                           "org.hibernate..",
                                                                           "com.fasterxml.jackson..",
                                                                           "tools.jackson..",
                                                                           "io.orderflow.platform.."))
                          .allowEmptyShould(false);
    }

    /** @return the rule that the shared platform holds no domain code */
    public static ArchRule platformHasNoDomainCode() {
        DescribedPredicate<JavaClass> domain = DescribedPredicate.alwaysFalse();
        for (String context : CONTEXTS) {
            domain = domain.or(resideInAPackage("io.orderflow." + context + ".."));
        }
        return noClasses().that().resideInAPackage("io.orderflow.platform..")
                          .should().dependOnClassesThat(domain.as("a context's classes"));
    }

    /**
     * @return the rule that nothing refers to XStream, nor to the Kafka extension's publisher and message sources,
     *         whose builders fall back to XStream (the platform's own {@code TopicPublisher} and {@code TopicSource}
     *         take their place)
     */
    public static ArchRule usesNoXStream() {
        return noClasses().that().resideInAPackage("io.orderflow..")
                          .should().dependOnClassesThat(resideInAnyPackage("com.thoughtworks.xstream..",
                                                                           "org.axonframework.serialization.xml..")
                                                                .or(simpleNameStartingWith("KafkaPublisher"))
                                                                .or(simpleNameStartingWith("KafkaEventPublisher"))
                                                                .or(simpleNameStartingWith("StreamableKafkaMessageSource"))
                                                                .or(simpleNameStartingWith("SubscribableKafkaMessageSource")));
    }

    /**
     * @return the rule that everything is read and written with Jackson 3: nothing refers to Jackson 2's databind or
     *         core, nor to Axon's Jackson 2 serializer (Jackson 2 stays on the class path only for the Kafka extension;
     *         Jackson's annotations, {@code com.fasterxml.jackson.annotation}, are Jackson 3's too)
     */
    public static ArchRule usesJackson3Only() {
        return noClasses().that().resideInAPackage("io.orderflow..")
                          .should().dependOnClassesThat(resideInAnyPackage("com.fasterxml.jackson.databind..",
                                                                           "com.fasterxml.jackson.core..",
                                                                           "org.axonframework.serialization.json.."));
    }
}
