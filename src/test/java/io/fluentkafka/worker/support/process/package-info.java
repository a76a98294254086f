/**
 * A Kafka broker ({@link io.fluentkafka.worker.support.process.BrokerProcess}) and the worker
 * ({@link io.fluentkafka.worker.support.process.WorkerProcess}) as separate operating-system processes, for tests that
 * crash them with SIGKILL, stop them with SIGTERM, restart the broker or bound the worker's heap. Each child is a JVM
 * run with the current JVM's {@code java}, listening on 127.0.0.1 ports chosen by this package, its output appended to
 * a log file whose tail is put into every failure message. A broker is ready when {@code start} or {@code restart}
 * returns, a worker once {@code awaitReady} returns; both throw instead if the child dies or a bounded wait runs out.
 * {@code close()} kills whatever is still running, so try-with-resources leaves no child behind. The worker runs from
 * the shaded jar, so tests using it must run after {@code package}, as failsafe's {@code *IT} classes do. The worker can
 * also run from its container image ({@link io.fluentkafka.worker.support.process.ImageTarball},
 * {@link io.fluentkafka.worker.support.process.ImageProcess}): the image profile's {@code *ImageIT}, as root.
 *
 * <p>What the process tests share: {@link io.fluentkafka.worker.support.process.WorkerFleet} starts a test's workers
 * (its topics, {@link io.fluentkafka.worker.support.process.WorkerTopics}; its consumer group; a simulator as Fluent)
 * and checks their logs for secrets, {@link io.fluentkafka.worker.support.process.WorkerOutput} reads what they
 * published, and {@link io.fluentkafka.worker.support.process.Commits} reads the group's commits and what they cover.
 */
package io.fluentkafka.worker.support.process;
