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

/** How Fluent's answers are read: final errors, and what counts as an expired token (never text quoting user data). */
class GraphQlResponsesTest {

    private static final String SYNTAX_ERROR = """
            {"errors":[{"message":"Invalid syntax with offending token '<EOF>' at line 1 column 21",
            "locations":[{"line":1,"column":21}],"extensions":{"classification":"InvalidSyntax"}}]}""";

    private final GraphQlResponses responses = new GraphQlResponses(new FluentErrorMapper(JsonMapper.createDefault(), new FluentClientConfiguration(
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(60), List.of("C0121E", "C0123E"), "",
            List.of("S0040E"), "(?i)(access token expired|invalid access token)(: \\S*)?", List.of("C0003E", "S0002E"))));

    @Test
    void rejectsASyntaxErrorWithoutDataAsFinal() {
        FluentHttpResponse answer = new FluentHttpResponse(200, SYNTAX_ERROR.getBytes(StandardCharsets.UTF_8), Optional.empty());

        assertThatThrownBy(() -> responses.read(answer)).isInstanceOfSatisfying(FluentRejectedException.class, rejected -> {
            assertThat(rejected).hasMessage("Fluent rejected the request: Invalid syntax with offending token '<EOF>' at line 1 column 21");
            assertThat(rejected.errors()).singleElement().satisfies(e -> assertThat(e.code()).isNull());
            assertThat(rejected.anyMatches(List.of("C0121E"), Pattern.compile("(?i).*"))).as("codeless, whole-message pattern").isTrue();
            assertThat(rejected.anyMatches(List.of("C0121E"), null)).as("codes only").isFalse();
        });
    }

    @Test
    void aDuplicateErrorQuotingTokenErrorTextIsADuplicateNotAnExpiredToken() {
        FluentHttpResponse answer = ok("""
                {"data":{"createCustomer":null},"errors":[{"message":"C0123E: Customer with username                 'invalid_token.S0040E.access token expired@x.com' already exists","extensions":{"code":"C0123E"}}]}""");

        GraphQlResponse read = responses.read(answer); // no TokenRejectedException

        assertThat(read.partial()).isTrue();
        assertThat(read.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("C0123E"));
    }

    @Test
    void takesACodeFromTheStartOfAMessageOnlyNeverFromQuotedText() {
        FluentHttpResponse quoted = ok("""
                {"data":null,"errors":[{"message":"'S0040E@x.com' is invalid"}]}""");
        FluentHttpResponse leading = ok("""
                {"data":null,"errors":[{"message":"C0123E: Customer 'S0040E@x.com' already exists"}]}""");

        assertThatThrownBy(() -> responses.read(quoted)).isInstanceOfSatisfying(FluentRejectedException.class,
                rejected -> assertThat(rejected.errors()).singleElement().satisfies(e -> assertThat(e.code()).isNull()));
        assertThatThrownBy(() -> responses.read(leading)).isInstanceOfSatisfying(FluentRejectedException.class,
                rejected -> assertThat(rejected.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("C0123E")));
    }

    @Test
    void recognisesAnExpiredTokenByItsCodeOrByAMessageThatIsNothingElse() {
        assertThatThrownBy(() -> responses.read(ok("""
                {"data":null,"errors":[{"message":"JWT failure","extensions":{"code":"S0040E"}}]}""")))
                .isInstanceOf(TokenRejectedException.class);
        assertThatThrownBy(() -> responses.read(ok("""
                {"data":null,"errors":[{"message":"Access token expired: abc.def"}]}""")))
                .isInstanceOf(TokenRejectedException.class);
        assertThatThrownBy(() -> responses.read(ok("""
                {"data":null,"errors":[{"message":"User 'access token expired' not found"}]}""")))
                .isInstanceOf(FluentRejectedException.class);
    }

    private static FluentHttpResponse ok(String body) {
        return new FluentHttpResponse(200, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }
}
