package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.command.Document;
import io.fluentkafka.worker.fluent.FluentClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Calls through a kind's {@link Document} and reads the answer: the root field's object becomes the typed result and,
 * only when the document was replaced by configuration, the reply's {@code fluentData} (that object as JSON, with the
 * fields the replacing document selects beyond the default's).
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
        return fluent.graphQl().single(document.field(), document.text(), variables).thenApply(root -> of(document, root, result));
    }

    /** {@code GraphQlPort.optional} with the document: empty when Fluent answers null without errors (run it as a step). */
    CompletableFuture<Optional<JsonNode>> optional(FluentClient fluent, Document document, Map<String, Object> variables) {
        return fluent.graphQl().optional(document.field(), document.text(), variables);
    }

    /** The answer of {@code root}, the root field's object that {@code document} fetched. */
    Answer of(Document document, JsonNode root, Function<JsonNode, ? extends SpecificRecord> result) {
        return new Answer(result.apply(root), fluentData(document, root));
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
}
