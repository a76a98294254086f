/** Time as the worker reads it and waits for it: one injected {@link io.fluentkafka.worker.time.Scheduler} that tests can move. */
package io.fluentkafka.worker.time;
