package io.fluentkafka.worker;

import io.micronaut.runtime.Micronaut;

import java.util.Optional;

/** Starts the worker: Kafka listeners, the Fluent client and the management endpoints. */
public final class Application {

    private Application() {
    }

    /** Exits with status 2, before anything is logged, when {@code LOG_FORMAT} names no log format. */
    public static void main(String[] args) {
        Optional<String> logFormatProblem = LogFormat.problem(LogFormat.configured());
        if (logFormatProblem.isPresent()) {
            System.err.println(logFormatProblem.get());
            System.exit(2);
        }
        Micronaut.run(Application.class, args);
    }
}
