/** An in-process Fluent Commerce API simulator (OAuth token endpoint and GraphQL) with switchable faults, for tests. */
package io.fluentkafka.worker.support.fluent;
