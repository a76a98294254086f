package io.fluentkafka.worker.support.process;

import java.time.Duration;

/**
 * How a child process ended after SIGTERM.
 *
 * @param code the exit code: 143 (128 + SIGTERM) for a JVM that ran its shutdown hooks and did not call
 *             {@code System.exit} itself, else whatever it passed to {@code System.exit}
 * @param took from sending SIGTERM to seeing the process gone
 */
public record ProcessExit(int code, Duration took) {
}
