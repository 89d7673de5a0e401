package io.github.eventsourcing.azure.testing;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rule that code built on the library (the demo, the samples, the starter's test app) uses its API only. */
public final class ApiOnly {

    /** The packages that hold the library's implementation: anything in them may change without notice. */
    public static final String INTERNAL_PACKAGES = "io.github.eventsourcing.azure..internal..";

    /** No class uses a type of an internal package. */
    public static final ArchRule USES_NO_INTERNAL_TYPE = noClasses()
            .should().dependOnClassesThat().resideInAPackage(INTERNAL_PACKAGES)
            .because("applications compile against the library's API; its internal packages may change in any release");

    private ApiOnly() {
    }
}
