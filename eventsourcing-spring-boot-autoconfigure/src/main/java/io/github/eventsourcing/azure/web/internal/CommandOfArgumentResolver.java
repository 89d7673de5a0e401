package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.web.CommandOf;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.function.Supplier;

/** Resolves {@link CommandOf} parameters to the {@link io.github.eventsourcing.azure.command.CommandInstance}. */
final class CommandOfArgumentResolver implements HandlerMethodArgumentResolver {

    private final StreamBindings bindings;
    private final Supplier<Commands> commands;

    CommandOfArgumentResolver(StreamBindings bindings, Supplier<Commands> commands) {
        this.bindings = bindings;
        this.commands = commands;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(CommandOf.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        StreamId command = bindings.of(parameter).streamId(StreamBindings.uriVariables(request));
        Commands available = commands.get();
        if (available == null) {
            throw new IllegalStateException(StreamBinding.where(parameter) + " is bound with @CommandOf, but the "
                    + "application has no Commands bean (no CommandHandler bean)");
        }
        String type = command.entityType().substring(CommandType.ENTITY_PREFIX.length());
        return available.instance(new CommandType(command.domain(), type), command.instanceKey());
    }
}
