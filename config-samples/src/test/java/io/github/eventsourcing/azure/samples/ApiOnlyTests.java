package io.github.eventsourcing.azure.samples;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.github.eventsourcing.azure.test.ApiOnly;

/** The configuration samples' code is built on the library's API alone, as an application would be. */
@AnalyzeClasses(packages = "io.github.eventsourcing.azure.samples", importOptions = ImportOption.DoNotIncludeJars.class)
class ApiOnlyTests {

    @ArchTest
    static final ArchRule usesNoInternalTypeOfTheLibrary = ApiOnly.USES_NO_INTERNAL_TYPE;
}
