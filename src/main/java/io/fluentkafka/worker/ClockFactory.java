package io.fluentkafka.worker;

import io.fluentkafka.worker.time.Scheduler;
import io.fluentkafka.worker.time.SystemScheduler;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The time sources: the wall clock, and the {@link Scheduler} for back-off, outages and token expiry; tests replace them to move time. */
@Factory
final class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Bean(preDestroy = "close")
    SystemScheduler scheduler(Clock clock) {
        return new SystemScheduler(clock);
    }
}
