package io.github.eventsourcing.azure.testing;

import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Event streams whose every {@link EventStream} call is told to an observer once it returned, so a test can count
 * what code under test asks of storage, or wait for a call, without reading storage itself.
 */
public final class ObservedStreams {

    /** Told of each call on a stream opened through the observed streams, after it returned. */
    @FunctionalInterface
    public interface Observer {
        void called(EventStream stream, String method, Object result);
    }

    private ObservedStreams() {
    }

    public static EventStreams of(EventStreams streams, Observer observer) {
        return proxy(EventStreams.class, (self, method, args) -> {
            Object result = invoke(streams, method, args);
            return result instanceof EventStream stream ? observed(stream, observer) : result;
        });
    }

    private static EventStream observed(EventStream stream, Observer observer) {
        return proxy(EventStream.class, (self, method, args) -> {
            Object result = invoke(stream, method, args);
            observer.called(stream, method.getName(), result);
            return result;
        });
    }

    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(ObservedStreams.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
