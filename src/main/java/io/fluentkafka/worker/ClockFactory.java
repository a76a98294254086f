package io.fluentkafka.worker;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The time source for token expiry and back-off; tests replace it to move time. */
@Factory
final class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
