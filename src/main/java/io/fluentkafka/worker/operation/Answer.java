package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one of Fluent's answers gives the reply: the kind's typed result, and {@code fluentData}, the root field's
 * object as JSON when the document that fetched it was replaced by configuration (else null; see {@link Answers}).
 */
record Answer(SpecificRecord result, String fluentData) {

    /** A result from a document nobody can replace (a look-up): no fluentData. */
    static Answer of(SpecificRecord result) {
        return new Answer(result, null);
    }

    Succeeded as(Detail detail) {
        return Succeeded.of(detail, result, fluentData);
    }
}
