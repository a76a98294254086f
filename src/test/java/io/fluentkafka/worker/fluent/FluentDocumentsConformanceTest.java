package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.support.fluent.FluentReferenceSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every GraphQL document the worker can send of its own accord is valid against Fluent's schema: each document in
 * {@link FluentDocuments} (the probe sends {@link FluentDocuments#ME}, the fallback retailer
 * {@link FluentDocuments#PRIMARY_RETAILER}), and the query a {@code GraphQlRequest}
 * command gets when it has none.
 */
class FluentDocumentsConformanceTest {

    private static FluentReferenceSchema fluent;

    @BeforeAll
    static void loadFluentSchema() {
        fluent = FluentReferenceSchema.load();
    }

    /** Found by reflection, so a document added to FluentDocuments is checked without touching this test. */
    static Stream<String> workerDocuments() {
        return Arrays.stream(FluentDocuments.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(FluentDocumentsConformanceTest::value)
                .filter(text -> text.startsWith("query") || text.startsWith("mutation") || text.startsWith("{"));
    }

    @ParameterizedTest
    @MethodSource("workerDocuments")
    void workerDocumentIsValidAgainstFluentsSchema(String document) {
        assertThat(fluent.documentErrors(document)).as(document).isEmpty();
    }

    /** A new document fails this until it is listed here and its variables get a case in FluentVariablesConformanceTest. */
    @Test
    void findsEveryDocumentTheWorkerSends() {
        assertThat(workerDocuments()).containsExactlyInAnyOrder(FluentDocuments.CUSTOMERS_BY_USERNAME,
                FluentDocuments.ME, FluentDocuments.PRIMARY_RETAILER);
    }

    @Test
    void defaultQueryOfAGraphQlRequestIsValidAgainstFluentsSchema() {
        Object defaultQuery = GraphQlRequest.getClassSchema().getField("query").defaultVal();

        assertThat(defaultQuery).isInstanceOf(String.class);
        assertThat(fluent.documentErrors((String) defaultQuery)).isEmpty();
    }

    private static String value(Field field) {
        try {
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
