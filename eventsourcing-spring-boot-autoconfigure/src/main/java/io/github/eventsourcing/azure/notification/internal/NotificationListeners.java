package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.notification.NotificationListener;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds the {@link NotificationListener} methods of the application's beans as they are created (a bean post
 * processor), checking each method's parameters at start-up.
 */
public final class NotificationListeners implements BeanPostProcessor {

    private final List<NotificationListenerMethod> methods = new CopyOnWriteArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        Map<Method, NotificationListener> annotated = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<NotificationListener>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, NotificationListener.class));
        annotated.keySet().forEach(method -> methods.add(new NotificationListenerMethod(beanName, bean, method)));
        return bean;
    }

    List<NotificationListenerMethod> methods() {
        return methods;
    }
}
