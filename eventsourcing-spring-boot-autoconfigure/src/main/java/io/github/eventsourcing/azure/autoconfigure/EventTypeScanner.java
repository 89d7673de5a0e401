package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.stream.EventName;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the {@link EventName} classes in packages, so that every event type is known before the first read: a
 * stream written by another instance must deserialize to the right class even if this one never wrote such an event.
 */
final class EventTypeScanner {

    private final ClassPathScanningCandidateComponentProvider scanner;
    private final ClassLoader classLoader;

    EventTypeScanner(Environment environment, ResourceLoader resourceLoader) {
        this.scanner = new ClassPathScanningCandidateComponentProvider(false, environment);
        this.scanner.setResourceLoader(resourceLoader);
        this.scanner.addIncludeFilter(new AnnotationTypeFilter(EventName.class, false, false));
        this.classLoader = resourceLoader.getClassLoader();
    }

    Set<Class<?>> scan(Collection<String> packages) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (String basePackage : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                types.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader));
            }
        }
        return types;
    }
}
