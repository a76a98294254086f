package io.fluentkafka.worker.messaging;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schemas of every released version, read from the classpath: {@code avro-released/<version>/}, laid out like
 * {@code avro/} (top-level schemas, their shared named types in {@code common/}). A classpath directory cannot be
 * listed, so {@value #INDEX} names every file, in parse order; each version is parsed with a parser of its own, so
 * its {@code common/} types resolve its top-level schemas by name. A missing or unparsable file fails, naming it.
 */
final class ReleasedSchemas {

    static final String INDEX = "avro-released/index.txt";
    private static final String COMMON = "common/";

    /** A top-level schema of a released version and its file, relative to the version's directory. */
    record ReleasedSchema(String version, String file, Schema schema) {
    }

    private ReleasedSchemas() {
    }

    /** Every top-level released schema, by version in index order. */
    static List<ReleasedSchema> load(ClassLoader loader) {
        String index = read(loader, INDEX);
        if (index == null) {
            throw new IllegalStateException(INDEX + " is not on the classpath: commands written with released schemas could not be read");
        }
        Map<String, Schema.Parser> parsers = new LinkedHashMap<>();
        List<ReleasedSchema> schemas = new ArrayList<>();
        for (String line : index.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int slash = line.indexOf('/');
            if (slash <= 0 || !line.endsWith(".avsc")) {
                throw new IllegalStateException(INDEX + " lists '" + line + "'; each line is <version>/<file>.avsc");
            }
            String version = line.substring(0, slash);
            String file = line.substring(slash + 1);
            Schema schema = parse(parsers.computeIfAbsent(version, v -> new Schema.Parser()), loader, line);
            if (!file.startsWith(COMMON)) {
                schemas.add(new ReleasedSchema(version, file, schema));
            }
        }
        return List.copyOf(schemas);
    }

    private static Schema parse(Schema.Parser parser, ClassLoader loader, String path) {
        String text = read(loader, "avro-released/" + path);
        if (text == null) {
            throw new IllegalStateException(INDEX + " lists " + path + ", which is not on the classpath");
        }
        try {
            return parser.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot parse released schema avro-released/" + path + " (its common/ types must be "
                    + "listed before it in " + INDEX + "): " + e.getMessage(), e);
        }
    }

    /** The resource's text, or null when there is none. */
    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
