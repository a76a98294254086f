package io.fluentkafka.worker.consumer;

import java.time.Duration;

/**
 * The one deadline of a stop: {@code worker.shutdown-grace-period} after it began, everything the consumer does to
 * stop is over (the pod's {@code terminationGracePeriodSeconds} must leave room for the rest of the JVM's exit).
 * Running commands may finish until the drain ends, {@link #RESERVE} before the deadline; the final commit and
 * leaving the group (closing the Kafka consumer) get whatever is left, which is the reserve unless a step overran.
 * A broker that answers takes milliseconds for both; the reserve is for one that is slow or away, where a commit
 * that cannot finish in it would not finish in 30 s either.
 */
final class StopDeadline {

    /** Kept for the final commit and leaving the group: 5 s, or half the grace period when that is shorter. */
    static final Duration RESERVE = Duration.ofSeconds(5);

    private final long deadline;
    private final long drainEnd;

    private StopDeadline(long deadline, long drainEnd) {
        this.deadline = deadline;
        this.drainEnd = drainEnd;
    }

    /** A stop beginning now. */
    static StopDeadline after(Duration gracePeriod) {
        long now = System.nanoTime();
        Duration reserve = reserve(gracePeriod);
        return new StopDeadline(now + gracePeriod.toNanos(), now + gracePeriod.minus(reserve).toNanos());
    }

    /** What of {@code gracePeriod} is kept for committing and closing. */
    static Duration reserve(Duration gracePeriod) {
        Duration half = gracePeriod.dividedBy(2);
        return half.compareTo(RESERVE) < 0 ? half : RESERVE;
    }

    /** When running commands must have finished, as a {@link System#nanoTime()}. */
    long drainEndNanos() {
        return drainEnd;
    }

    /** Time left until the drain ends; zero once it has. */
    Duration untilDrainEnds() {
        return until(drainEnd);
    }

    /** Time left until the deadline; zero once it has passed. */
    Duration remaining() {
        return until(deadline);
    }

    private static Duration until(long nanoTime) {
        return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
    }
}
