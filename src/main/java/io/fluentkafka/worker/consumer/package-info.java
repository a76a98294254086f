/**
 * Taking commands from Kafka: one poll loop per worker over every command topic, commands with the same key
 * handled one after another in offset order and all others concurrently up to {@code worker.max-in-flight},
 * fetching paused while {@code worker.max-buffered} commands are unfinished, and each partition's offset
 * committed only up to its first unfinished command.
 */
package io.fluentkafka.worker.consumer;
