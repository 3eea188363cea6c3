package io.orderflow.reporting;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.orderflow.reporting", importOptions = ImportOption.DoNotIncludeTests.class)
class ReportingArchitectureTest {

    @ArchTest
    static final ArchRule knowsOtherContextsOnlyByTheirPublishedLanguage =
            noClasses().should().dependOnClassesThat(
                    resideInAnyPackage("io.orderflow.orders..", "io.orderflow.payments..", "io.orderflow.fulfillment..")
                            .and(not(resideInAPackage("io.orderflow.*.api.."))));

    @ArchTest
    static final ArchRule sendsNoCommands =
            noClasses().should().dependOnClassesThat().belongToAnyOf(CommandGateway.class, CommandBus.class);
}
