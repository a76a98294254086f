/**
 * The worker's own metrics (Micrometer, scraped at {@code /prometheus}): one class names and tags them all, so
 * the README's metric table has a single source.
 */
package io.fluentkafka.worker.metrics;
