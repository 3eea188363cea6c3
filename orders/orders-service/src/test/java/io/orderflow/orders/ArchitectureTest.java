package io.orderflow.orders;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.orderflow.platform.test.ServiceArchitecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The orders context shares code with the others only through their published languages and the platform. */
@AnalyzeClasses(packages = "io.orderflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnOtherContextsOnlyThroughTheirPublishedLanguages =
            noClasses().that().resideInAPackage("io.orderflow.orders..")
                       .should().dependOnClassesThat(resideInAPackage("io.orderflow..").and(not(resideInAnyPackage(
                               "io.orderflow.orders..", "io.orderflow.platform..",
                               "io.orderflow.payments.api..", "io.orderflow.fulfillment.api.."))));

    @ArchTest
    static final ArchRule refersToNoXStream = ServiceArchitecture.usesNoXStream();

    @ArchTest
    static final ArchRule readsAndWritesWithJackson3Only = ServiceArchitecture.usesJackson3Only();
}
