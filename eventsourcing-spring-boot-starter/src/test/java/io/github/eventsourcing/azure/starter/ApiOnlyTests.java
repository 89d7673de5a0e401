package io.github.eventsourcing.azure.starter;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.github.eventsourcing.azure.test.ApiOnly;

/** The starter's test application is built on the library's API alone, as an application would be. */
@AnalyzeClasses(packages = "io.github.eventsourcing.azure.starter", importOptions = ImportOption.DoNotIncludeJars.class)
class ApiOnlyTests {

    @ArchTest
    static final ArchRule usesNoInternalTypeOfTheLibrary = ApiOnly.USES_NO_INTERNAL_TYPE;
}
