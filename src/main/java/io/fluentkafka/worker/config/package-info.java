/** Immutable, validated configuration records; read by every other package, importing none of them. */
package io.fluentkafka.worker.config;
