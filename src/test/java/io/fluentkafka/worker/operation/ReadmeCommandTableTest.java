package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.OperationCatalogue;
import io.fluentkafka.worker.messaging.CommandTopics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's command table lists every kind of the catalogue, with its schema, default topic and repeat behaviour. */
class ReadmeCommandTableTest {

    private static final String HEADER = "| command | default topic | fields | Fluent call | repeated |";

    @Test
    void listsEveryKindWithItsTopicAndWhatARepeatDoes() throws IOException {
        Map<String, List<String>> rows = rowsByCommand(Files.readString(Path.of("README.md")));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (Operation<?> operation : TestOperations.catalogue().all()) {
            String name = "`" + OperationCatalogue.schemaOf(operation).getName() + "`";
            expected.put(name, List.of("`" + CommandTopics.defaultTopic(operation.kind()) + "`", repeated(operation)));
        }

        assertThat(rows).as("README rows under '" + HEADER + "': command -> [default topic, repeated]").isEqualTo(expected);
    }

    private static Map<String, List<String>> rowsByCommand(String readme) {
        int start = readme.indexOf(HEADER);
        assertThat(start).as("the README has the command table").isNotNegative();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : readme.substring(start).lines().skip(2).takeWhile(line -> line.startsWith("|")).toList()) {
            String[] cells = line.split(" \\| ");
            rows.put(cells[0].substring(2), List.of(cells[1], cells[cells.length - 1].replace(" |", "")));
        }
        return rows;
    }

    private static String repeated(Operation<?> operation) {
        return switch (operation.repeat()) {
            case LOOKUP_AFTER_DUPLICATE -> "looks up";
            case UPDATE_AFTER_DUPLICATE -> "updates";
            case IDEMPOTENT -> "idempotent";
            case NOT_IDEMPOTENT -> "not idempotent";
        };
    }
}
