package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.config.FluentClientConfiguration;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GraphQL errors without a Fluent code (a syntax error, as graphql-java reports it) are final, not a crash. */
class GraphQlResponsesTest {

    private static final String SYNTAX_ERROR = """
            {"errors":[{"message":"Invalid syntax with offending token '<EOF>' at line 1 column 21",
            "locations":[{"line":1,"column":21}],"extensions":{"classification":"InvalidSyntax"}}]}""";

    private final GraphQlResponses responses = new GraphQlResponses(JsonMapper.createDefault(), new FluentClientConfiguration(
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(60), List.of("C0121E"), "(?i)already exists",
            "(?i)(access token expired|S0040E)", List.of("C0003E", "S0002E")));

    @Test
    void rejectsASyntaxErrorWithoutDataAsFinal() {
        FluentHttpResponse answer = new FluentHttpResponse(200, SYNTAX_ERROR.getBytes(StandardCharsets.UTF_8), Optional.empty());

        assertThatThrownBy(() -> responses.read(answer)).isInstanceOfSatisfying(FluentRejectedException.class, rejected -> {
            assertThat(rejected).hasMessage("Fluent rejected the request: Invalid syntax with offending token '<EOF>' at line 1 column 21");
            assertThat(rejected.errors()).singleElement().satisfies(e -> assertThat(e.code()).isNull());
            assertThat(rejected.anyMatches(List.of("C0121E"), Pattern.compile("(?i)already exists"))).isFalse();
        });
    }
}
