package io.fluentkafka.worker.messaging;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.runtime.event.ApplicationShutdownEvent;

/**
 * Has every listener of the application's shutdown created at startup rather than by the shutdown itself. One is
 * micronaut-kafka's consumer-group manager (it deletes the groups of {@code @KafkaListener}s, which the worker has
 * none of), which takes an admin client: created by the shutdown event, it came after the context had closed its
 * admin client, so it got a new one that nothing closed, a thread that kept connecting to Kafka (with refused
 * credentials: an authentication error a second, for as long as the JVM ran). Created at startup, it shares the
 * admin client of Kafka's health check, which the context closes.
 */
@Context
final class ShutdownListenersAtStartup {

    ShutdownListenersAtStartup(BeanContext context) {
        context.getBeansOfType(ApplicationEventListener.class, Qualifiers.byTypeArguments(ApplicationShutdownEvent.class));
    }
}
