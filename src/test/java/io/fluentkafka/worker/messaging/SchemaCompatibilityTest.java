package io.fluentkafka.worker.messaging;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema gate: {@code mvn verify} fails when a schema in {@code avro/} stops being readable with data written
 * with a released schema, or when a schema or field has no doc.
 *
 * <p>Released schemas are kept in {@code src/main/resources/avro-released/<version>/}, laid out like {@code avro/}
 * (top-level schemas, their shared named types in {@code common/}), where the worker loads them from the classpath
 * through the directory's {@code index.txt} ({@link ReleasedSchemas}); see the README there for how to cut a new one.
 * Every top-level schema of every released version must still exist in {@code avro/} under the same full name (a
 * removed command or reply schema is a break), and Avro's {@link SchemaCompatibility} must find the current schema,
 * as reader, able to read data written with the released schema (BACKWARD). Every released version is checked, not
 * only the newest, because the worker is to read commands written with any released schema (backward compatibility
 * is not transitive). Shared types in {@code common/} are checked where the top-level schemas use them.
 *
 * <p>The same BACKWARD check applies to {@code Reply}, and no FORWARD check (released reader, current writer) is
 * made: Avro reports a new branch of {@code Reply.result}, which is how the project adds a command kind, as
 * {@code MISSING_UNION_BRANCH} for the old reader (see {@link #forwardChecksWouldRefuseANewReplyKind}), although an
 * old reader fails only on a reply that actually carries the new branch. The rule instead: <b>readers upgrade schemas
 * before producers send a new kind</b>. Consumers of replies upgrade their {@code Reply} schema before the worker
 * replies to a new kind of command; producers of commands may keep sending with old command schemas. New fields need
 * defaults; new enum symbols need the enum to have a default.
 */
class SchemaCompatibilityTest {

    private static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path CURRENT = BASE.resolve("avro");
    private static final Path RELEASED = BASE.resolve(Path.of("src", "main", "resources", "avro-released"));

    /** A top-level schema and the file it came from, relative to its schema directory. */
    record SchemaFile(String file, Schema schema) {
    }

    @Test
    void everyReleasedSchemaCanStillBeReadByTheCurrentOne() {
        List<SchemaFile> current = load(CURRENT);
        List<String> versions = releasedVersions();
        assertThat(versions).as("released schema versions in %s", RELEASED).isNotEmpty();

        List<String> report = new ArrayList<>();
        for (String version : versions) {
            List<String> problems = backwardProblems(load(RELEASED.resolve(version)), current);
            if (!problems.isEmpty()) {
                report.add("against released " + version + " (" + BASE.relativize(RELEASED.resolve(version)) + "):");
                problems.forEach(problem -> report.add("  " + problem));
            }
        }
        assertThat(report).withFailMessage("%s", "schemas in avro/ that break data written with a released schema "
                + "(new fields need defaults; schemas may not be removed; see src/main/resources/avro-released/README.md):\n"
                + String.join("\n", report)).isEmpty();
    }

    /** The index the worker loads released schemas by lists every released file, so the worker reads them all. */
    @Test
    void theWorkerLoadsEveryReleasedSchemaFromTheClasspath() throws IOException {
        List<String> indexed = Files.readAllLines(RELEASED.resolve("index.txt")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).sorted().toList();
        List<String> files;
        try (Stream<Path> walk = Files.walk(RELEASED)) {
            files = walk.filter(file -> file.getFileName().toString().endsWith(".avsc"))
                    .map(file -> RELEASED.relativize(file).toString().replace('\\', '/')).sorted().toList();
        }
        List<String> loaded = ReleasedSchemas.load(getClass().getClassLoader()).stream()
                .map(released -> released.version() + "/" + released.file() + " " + released.schema()).sorted().toList();
        List<String> expected = releasedVersions().stream().flatMap(version -> load(RELEASED.resolve(version)).stream()
                .map(file -> version + "/" + file.file() + " " + file.schema())).sorted().toList();

        assertThat(indexed).as("avro-released/index.txt lists exactly the released .avsc files").isEqualTo(files);
        assertThat(loaded).isEqualTo(expected);
    }

    @Test
    void everyCurrentSchemaAndFieldHasADoc() {
        List<String> problems = missingDocs(load(CURRENT));

        assertThat(problems).withFailMessage("%s", "schemas in avro/ without docs (the schemas are the public contract):\n"
                + String.join("\n", problems)).isEmpty();
    }

    @Test
    void theGateReportsARequiredFieldWithoutADefaultOrDoc() {
        List<SchemaFile> released = load(RELEASED.resolve(newestVersion()));
        List<SchemaFile> current = released.stream()
                .map(file -> file.schema().getName().equals("CreateCustomer")
                        ? new SchemaFile(file.file(), withField(file.schema(),
                        new Schema.Field("tenantId", Schema.create(Schema.Type.STRING), null, (Object) null)))
                        : file)
                .toList();

        assertThat(backwardProblems(released, current)).singleElement().asString()
                .startsWith("CreateCustomer.avsc (io.fluentkafka.worker.avro.CreateCustomer) cannot read data written with the released schema:")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/13: tenantId");
        assertThat(missingDocs(current)).containsExactly(
                "CreateCustomer.avsc: field io.fluentkafka.worker.avro.CreateCustomer.tenantId has no doc");
        assertThat(backwardProblems(released, released)).isEmpty();
        assertThat(missingDocs(released)).isEmpty();
    }

    @Test
    void theGateReportsARemovedSchema() {
        List<SchemaFile> released = load(RELEASED.resolve(newestVersion()));
        List<SchemaFile> current = released.stream().filter(file -> !file.file().equals("GetCurrentUser.avsc")).toList();

        assertThat(backwardProblems(released, current)).containsExactly(
                "GetCurrentUser.avsc: io.fluentkafka.worker.avro.GetCurrentUser is no longer in the current schemas "
                        + "(a removed command or reply schema breaks its producers or consumers)");
    }

    /** Why Reply is checked BACKWARD only: adding a kind is a new union branch, which FORWARD refuses. */
    @Test
    void forwardChecksWouldRefuseANewReplyKind() {
        List<SchemaFile> released = load(RELEASED.resolve(newestVersion()));
        Schema reply = released.stream().filter(file -> file.file().equals("Reply.avsc")).findFirst().orElseThrow().schema();
        Schema.Field result = reply.getField("result");
        List<Schema> branches = new ArrayList<>(result.schema().getTypes());
        branches.add(Schema.createRecord("OrderResult", "A Fluent order.", reply.getNamespace(), false, List.of(
                new Schema.Field("id", Schema.create(Schema.Type.STRING), "Fluent id.", (Object) null))));
        Schema newKind = withField(reply, new Schema.Field(result, Schema.createUnion(branches)));
        List<SchemaFile> current = released.stream()
                .map(file -> file.file().equals("Reply.avsc") ? new SchemaFile(file.file(), newKind) : file).toList();

        assertThat(backwardProblems(released, current)).isEmpty();
        SchemaCompatibilityResult forward = SchemaCompatibility.checkReaderWriterCompatibility(reply, newKind).getResult();
        assertThat(forward.getCompatibility()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(forward.getIncompatibilities()).extracting(Incompatibility::getType)
                .containsExactly(SchemaIncompatibilityType.MISSING_UNION_BRANCH);
    }

    /**
     * Each released top-level schema that the current schemas cannot read, or that they no longer have, with every
     * incompatibility Avro finds (type, location, message); empty when all are readable.
     */
    static List<String> backwardProblems(List<SchemaFile> released, List<SchemaFile> current) {
        List<String> problems = new ArrayList<>();
        for (SchemaFile writer : released) {
            String name = writer.schema().getFullName();
            Schema reader = current.stream().map(SchemaFile::schema).filter(s -> s.getFullName().equals(name))
                    .findFirst().orElse(null);
            if (reader == null) {
                problems.add(writer.file() + ": " + name + " is no longer in the current schemas "
                        + "(a removed command or reply schema breaks its producers or consumers)");
                continue;
            }
            SchemaCompatibilityResult result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer.schema()).getResult();
            if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(writer.file() + " (" + name + ") cannot read data written with the released schema:"
                        + result.getIncompatibilities().stream()
                        .map(i -> "\n    " + i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                        .collect(Collectors.joining()));
            }
        }
        return problems;
    }

    /** Every record or enum without a doc and every field without one, reachable from the given schemas. */
    static List<String> missingDocs(List<SchemaFile> schemas) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SchemaFile file : schemas) {
            missingDocs(file.file(), file.schema(), seen, problems);
        }
        return problems;
    }

    private static void missingDocs(String file, Schema schema, Set<String> seen, List<String> problems) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (isBlank(schema.getDoc())) {
                    problems.add(file + ": record " + schema.getFullName() + " has no doc");
                }
                for (Schema.Field field : schema.getFields()) {
                    if (isBlank(field.doc())) {
                        problems.add(file + ": field " + schema.getFullName() + "." + field.name() + " has no doc");
                    }
                    missingDocs(file, field.schema(), seen, problems);
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName()) && isBlank(schema.getDoc())) {
                    problems.add(file + ": enum " + schema.getFullName() + " has no doc");
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> missingDocs(file, branch, seen, problems));
            case ARRAY -> missingDocs(file, schema.getElementType(), seen, problems);
            case MAP -> missingDocs(file, schema.getValueType(), seen, problems);
            default -> {
            }
        }
    }

    /**
     * The top-level schemas of a schema directory laid out like {@code avro/}: one parser first reads
     * {@code common/*.avsc} (as avro-maven-plugin's imports do), so the shared named types resolve.
     */
    static List<SchemaFile> load(Path directory) {
        Schema.Parser parser = new Schema.Parser();
        avscFiles(directory.resolve("common")).forEach(file -> parse(parser, file));
        List<SchemaFile> schemas = avscFiles(directory).stream()
                .map(file -> new SchemaFile(file.getFileName().toString(), parse(parser, file))).toList();
        assertThat(schemas).as("schemas in %s", directory).isNotEmpty();
        return schemas;
    }

    private static List<Path> avscFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".avsc") && Files.isRegularFile(file))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema parse(Schema.Parser parser, Path file) {
        try {
            return parser.parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot parse " + BASE.relativize(file) + ": " + e.getMessage(), e);
        }
    }

    /** The version directories under avro-released, oldest first; a directory not named like 1.2.3 fails. */
    static List<String> releasedVersions() {
        try (Stream<Path> entries = Files.list(RELEASED)) {
            List<String> versions = entries.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).toList();
            assertThat(versions).as("directories in %s (released versions, named like 0.1.0)", RELEASED)
                    .allMatch(version -> version.matches("\\d+(\\.\\d+)*"));
            return versions.stream().sorted(Comparator.comparing(SchemaCompatibilityTest::versionParts, Arrays::compare)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newestVersion() {
        List<String> versions = releasedVersions();
        return versions.get(versions.size() - 1);
    }

    private static int[] versionParts(String version) {
        return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    /** A copy of the record with the field added, or replacing the field of the same name in place. */
    private static Schema withField(Schema record, Schema.Field added) {
        List<Schema.Field> fields = new ArrayList<>();
        boolean replaced = false;
        for (Schema.Field field : record.getFields()) {
            if (field.name().equals(added.name())) {
                fields.add(added);
                replaced = true;
            } else {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        if (!replaced) {
            fields.add(added);
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), record.isError(), fields);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
