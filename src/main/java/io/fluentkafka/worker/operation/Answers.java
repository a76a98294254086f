package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.command.Document;
import io.fluentkafka.worker.fluent.FluentClient;
import io.fluentkafka.worker.fluent.FluentError;
import io.fluentkafka.worker.fluent.RootField;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Calls through a kind's {@link Document} and reads the answer: the root field's object becomes the typed result and,
 * only when the document was replaced by configuration, the reply's {@code fluentData} (that object as JSON, with the
 * fields the replacing document selects beyond the default's) and the reply's errors: Fluent's errors next to that
 * object, when a field the document added failed (Fluent nulls it and says why). The command still succeeded (a
 * mutation did run), so the detail stays; the errors make sure the caller learns why a field it asked for is null.
 * A default document's answer is read as it always was: errors next to a non-null root field are not reported.
 */
@Singleton
final class Answers {

    private final JsonMapper json;

    Answers(JsonMapper json) {
        this.json = json;
    }

    /** {@code GraphQlPort.single} with the document: a null root field fails (run it as a step). */
    CompletableFuture<Answer> single(FluentClient fluent, Document document, Map<String, Object> variables,
                                     Function<JsonNode, ? extends SpecificRecord> result) {
        return fluent.graphQl().singleWithErrors(document.field(), document.text(), variables).thenApply(root -> of(document, root, result));
    }

    /** {@code GraphQlPort.optional} with the document: empty when Fluent answers null without errors (run it as a step). */
    CompletableFuture<Optional<RootField>> optional(FluentClient fluent, Document document, Map<String, Object> variables) {
        return fluent.graphQl().optionalWithErrors(document.field(), document.text(), variables);
    }

    /** The answer of {@code root}, the root field that {@code document} fetched. */
    Answer of(Document document, RootField root, Function<JsonNode, ? extends SpecificRecord> result) {
        return new Answer(result.apply(root.value()), fluentData(document, root.value()), errors(document, root));
    }

    /** {@code root} as JSON when {@code document} was replaced, else null. */
    String fluentData(Document document, JsonNode root) {
        if (!document.replaced()) {
            return null;
        }
        try {
            return json.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Fluent's " + document.field() + " as JSON", e);
        }
    }

    /** Fluent's errors next to {@code root} when {@code document} was replaced, else none. */
    List<FluentError> errors(Document document, RootField root) {
        return document.replaced() ? root.errors() : List.of();
    }
}
