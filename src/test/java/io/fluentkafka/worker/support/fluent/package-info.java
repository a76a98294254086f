/** An in-process Fluent Commerce API simulator (OAuth token endpoint, GraphQL and a few REST endpoints) with switchable faults, for tests. */
package io.fluentkafka.worker.support.fluent;
