package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.fluent.FluentError;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;

/**
 * What one of Fluent's answers gives the reply: the kind's typed result; {@code fluentData}, the root field's object as
 * JSON when the document that fetched it was replaced by configuration (else null); and {@code errors}, Fluent's errors
 * next to that object when the document was replaced (a field it added failed), else empty. See {@link Answers}.
 */
record Answer(SpecificRecord result, String fluentData, List<FluentError> errors) {

    Answer {
        errors = List.copyOf(errors);
    }

    /** A result from a document nobody can replace (a look-up): no fluentData, no errors. */
    static Answer of(SpecificRecord result) {
        return new Answer(result, null, List.of());
    }

    Succeeded as(Detail detail) {
        return new Succeeded(detail, result, errors, fluentData);
    }
}
