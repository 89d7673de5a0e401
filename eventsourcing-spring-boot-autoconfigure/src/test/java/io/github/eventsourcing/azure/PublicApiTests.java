package io.github.eventsourcing.azure;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.github.eventsourcing.azure.testing.ApiOnly;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's public API is the public types outside {@code ..internal..} packages. Their list is committed, so that
 * a change of the API is a visible change of {@value #PUBLIC_TYPES}, and no API type lets an internal type through.
 */
@DisplayName("The public API")
class PublicApiTests {

    static final String PUBLIC_TYPES = "api/public-types.txt";

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.github.eventsourcing.azure");

    private static final DescribedPredicate<JavaClass> INTERNAL =
            JavaClass.Predicates.resideInAPackage(ApiOnly.INTERNAL_PACKAGES);

    /** Public types outside internal packages, nested ones included when every enclosing type is public too. */
    private static final DescribedPredicate<JavaClass> API_TYPES = DescribedPredicate.describe(
            "are public types outside internal packages", type -> !INTERNAL.test(type) && isVisibleFromOutside(type));

    @Test
    @DisplayName("is the list of public types committed in api/public-types.txt")
    void isTheCommittedList() throws IOException {
        SortedSet<String> actual = LIBRARY.stream()
                .filter(JavaClass::isTopLevelClass)
                .filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(type -> !INTERNAL.test(type))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        SortedSet<String> committed;
        try (Stream<String> lines = Files.lines(Path.of(PUBLIC_TYPES))) {
            committed = lines.map(String::strip).filter(line -> !line.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(actual)
                .withFailMessage(() -> "The public API changed.%n  Added:   %s%n  Removed: %s%nIf that is intended, "
                        .formatted(difference(actual, committed), difference(committed, actual))
                        + "make eventsourcing-spring-boot-autoconfigure/" + PUBLIC_TYPES + " list exactly the public "
                        + "types outside ..internal.. packages (one fully qualified name per line, sorted); if not, "
                        + "make the added types package-private or move them into an internal package.")
                .isEqualTo(committed);
    }

    @Test
    @DisplayName("exposes no internal type: no public or protected signature of an API type names one")
    void exposesNoInternalType() {
        classes().that(API_TYPES).should(exposeNoInternalType()).check(LIBRARY);
    }

    @Test
    @DisplayName("keeps the whole backend SPI in spi: it depends on the stream API only, never on the auto-configuration")
    void spiStandsAlone() {
        noClasses().that().resideInAPackage("io.github.eventsourcing.azure.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.eventsourcing.azure.autoconfigure..",
                        ApiOnly.INTERNAL_PACKAGES)
                .check(LIBRARY);
    }

    @Test
    @DisplayName("is enough for a backend of one's own: the sample backend uses the API, the SPI and the contract suite only")
    void isEnoughForABackendOfOnesOwn() {
        JavaClasses sampleBackend = new ClassFileImporter().importPackages("io.github.eventsourcing.azure.samplebackend");
        assertThat(sampleBackend).isNotEmpty();
        ApiOnly.USES_NO_INTERNAL_TYPE.check(sampleBackend);
        noClasses().should().dependOnClassesThat().resideInAPackage("io.github.eventsourcing.azure.autoconfigure..")
                .check(sampleBackend);
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no type of an internal package") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Stream.concat(type.getSuperclass().stream(), type.getInterfaces().stream())
                        .flatMap(supertype -> supertype.getAllInvolvedRawTypes().stream())
                        .filter(INTERNAL)
                        .forEach(internal -> events.add(SimpleConditionEvent.violated(type,
                                type.getName() + " extends or implements the internal " + internal.getName())));
                type.getMembers().stream()
                        .filter(member -> member.getModifiers().contains(JavaModifier.PUBLIC)
                                || member.getModifiers().contains(JavaModifier.PROTECTED))
                        .forEach(member -> signatureTypes(member).stream().filter(INTERNAL)
                                .forEach(internal -> events.add(SimpleConditionEvent.violated(member,
                                        member.getFullName() + " names the internal " + internal.getName()))));
            }
        };
    }

    private static Set<JavaClass> signatureTypes(JavaMember member) {
        Stream<JavaType> types = Stream.empty();
        if (member instanceof JavaField field) {
            types = Stream.of(field.getType());
        } else if (member instanceof JavaCodeUnit code) {
            types = Stream.concat(Stream.concat(Stream.of(code.getReturnType()), code.getParameterTypes().stream()),
                    code.getExceptionTypes().stream().map(JavaType.class::cast));
        }
        return types.flatMap(t -> t.getAllInvolvedRawTypes().stream()).collect(Collectors.toSet());
    }

    private static boolean isVisibleFromOutside(JavaClass type) {
        for (JavaClass t = type; t != null; t = t.getEnclosingClass().orElse(null)) {
            if (!t.getModifiers().contains(JavaModifier.PUBLIC) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(name -> !b.contains(name)).collect(Collectors.toCollection(TreeSet::new));
    }
}
