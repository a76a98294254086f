package io.fluentkafka.worker.messaging;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broken set of released schemas stops the worker at startup, naming the file, rather than dropping a version. */
class ReleasedSchemasTest {

    private static final String ATTRIBUTE = "{\"type\": \"record\", \"name\": \"Attribute\", \"namespace\": \"io.fluentkafka.worker.avro\", "
            + "\"fields\": [{\"name\": \"name\", \"type\": \"string\"}]}";
    private static final String COMMAND = "{\"type\": \"record\", \"name\": \"Cmd\", \"namespace\": \"io.fluentkafka.worker.avro\", "
            + "\"fields\": [{\"name\": \"attributes\", \"type\": {\"type\": \"array\", \"items\": \"io.fluentkafka.worker.avro.Attribute\"}}]}";

    @Test
    void failsWithoutAnIndex() {
        assertThatThrownBy(() -> ReleasedSchemas.load(resources(Map.of())))
                .hasMessage("avro-released/index.txt is not on the classpath: commands written with released schemas could not be read");
    }

    @Test
    void failsOnAListedFileThatIsMissingOrALineThatIsNotAFile() {
        assertThatThrownBy(() -> ReleasedSchemas.load(resources(Map.of("index.txt", "9.9.9/Cmd.avsc"))))
                .hasMessage("avro-released/index.txt lists 9.9.9/Cmd.avsc, which is not on the classpath");
        assertThatThrownBy(() -> ReleasedSchemas.load(resources(Map.of("index.txt", "Cmd.avsc"))))
                .hasMessage("avro-released/index.txt lists 'Cmd.avsc'; each line is <version>/<file>.avsc");
    }

    @Test
    void failsOnACommonTypeListedAfterTheSchemaUsingIt() {
        Map<String, String> files = Map.of("index.txt", "9.9.9/Cmd.avsc\n9.9.9/common/Attribute.avsc",
                "9.9.9/Cmd.avsc", COMMAND, "9.9.9/common/Attribute.avsc", ATTRIBUTE);

        assertThatThrownBy(() -> ReleasedSchemas.load(resources(files)))
                .hasMessageStartingWith("cannot parse released schema avro-released/9.9.9/Cmd.avsc (its common/ types must be listed "
                        + "before it in avro-released/index.txt): ");
    }

    /** A class loader holding exactly the given files under avro-released/. */
    private static ClassLoader resources(Map<String, String> files) {
        return new ClassLoader(null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                String text = name.startsWith("avro-released/") ? files.get(name.substring("avro-released/".length())) : null;
                return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
