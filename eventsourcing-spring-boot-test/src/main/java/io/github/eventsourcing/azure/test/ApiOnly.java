package io.github.eventsourcing.azure.test;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rule that code built on the library uses its API only (needs ArchUnit on the test classpath):
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.example.bank")
 * class ApiOnlyTests {
 *     @ArchTest
 *     static final ArchRule usesNoInternalTypeOfTheLibrary = ApiOnly.USES_NO_INTERNAL_TYPE;
 * }
 * }</pre>
 */
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
