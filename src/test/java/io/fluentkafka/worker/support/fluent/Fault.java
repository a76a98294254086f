package io.fluentkafka.worker.support.fluent;

import java.time.Duration;

/** What the {@link FaultPlan} decided for one {@code /graphql} request. */
sealed interface Fault {

    /** Answer normally. */
    record Pass() implements Fault {
    }

    /** Answer this HTTP status with a small JSON body instead of executing the request. */
    record Status(int httpStatus) implements Fault {
    }

    /** Answer 429 with {@code Retry-After} in whole seconds, rounded up. */
    record Throttle(Duration retryAfter) implements Fault {
    }

    /** Hold the request this long, then answer 504, so a client with a shorter timeout gives up. */
    record Hang(Duration hold) implements Fault {
    }
}
