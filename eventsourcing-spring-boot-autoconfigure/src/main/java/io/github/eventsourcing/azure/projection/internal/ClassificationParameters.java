package io.github.eventsourcing.azure.projection.internal;

import io.github.eventsourcing.azure.projection.ClassificationParameter;
import org.springframework.core.convert.ConversionService;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The {@link ClassificationParameter} values of one classification, bound to the class's fields and converted to
 * their types before the fold starts. The same bound values are injected into the classification and digested into
 * its snapshot key, so the key describes exactly what the fold computed with ({@code 50}, {@code "50"} and
 * {@code BigDecimal("50")} bind alike to a {@code BigDecimal} field).
 */
final class ClassificationParameters {

    /** No parameters: what projections, and classifications without parameter fields, are folded with. */
    static final ClassificationParameters NONE = new ClassificationParameters(List.of());

    /** Name first, then the field, so the order (and with it the snapshot key) never depends on reflection order. */
    private static final Comparator<Binding> CANONICAL_ORDER = Comparator.comparing(Binding::name)
            .thenComparing(binding -> binding.field().getDeclaringClass().getName())
            .thenComparing(binding -> binding.field().getName());

    private final List<Binding> bindings;

    private ClassificationParameters(List<Binding> bindings) {
        this.bindings = bindings;
    }

    /**
     * Binds the parameters the fields of {@code type} (and its superclasses) declare. Entries no field declares are
     * ignored; an absent optional parameter is not bound, so its field keeps its initial value.
     *
     * @throws IllegalArgumentException when a required parameter is missing or a value does not convert
     */
    static ClassificationParameters bind(Class<?> type, Map<String, ?> values, ConversionService conversion) {
        List<Binding> bindings = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                ClassificationParameter parameter = field.getAnnotation(ClassificationParameter.class);
                if (parameter == null || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = values.get(parameter.value());
                if (value == null) {
                    if (parameter.required()) {
                        throw new IllegalArgumentException(type.getSimpleName() + " needs the parameter '"
                                + parameter.value() + "'");
                    }
                    continue;
                }
                bindings.add(new Binding(parameter.value(), field, convert(type, parameter, field, value, conversion)));
            }
        }
        bindings.sort(CANONICAL_ORDER);
        return bindings.isEmpty() ? NONE : new ClassificationParameters(List.copyOf(bindings));
    }

    private static Object convert(Class<?> type, ClassificationParameter parameter, Field field, Object value,
                                  ConversionService conversion) {
        try {
            return conversion.convert(value, field.getType());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Parameter '" + parameter.value() + "' of " + type.getSimpleName()
                    + " cannot be read as " + field.getType().getSimpleName() + ": '" + value + "'", e);
        }
    }

    boolean isEmpty() {
        return bindings.isEmpty();
    }

    /** The bound values, sorted by parameter name. */
    List<Binding> bindings() {
        return bindings;
    }

    /** Sets the bound fields of a fresh or restored classification instance. */
    void injectInto(Object target) {
        for (Binding binding : bindings) {
            try {
                binding.field().setAccessible(true);
                binding.field().set(target, binding.value());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One parameter field and the value it receives, already converted to the field's type. */
    record Binding(String name, Field field, Object value) {
    }
}
