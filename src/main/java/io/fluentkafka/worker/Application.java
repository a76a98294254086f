package io.fluentkafka.worker;

import io.micronaut.runtime.Micronaut;

/** Starts the worker: Kafka listeners, the Fluent client and the management endpoints. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
