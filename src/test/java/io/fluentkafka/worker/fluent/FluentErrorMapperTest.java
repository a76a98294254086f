package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.config.FluentClientConfiguration;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one translation of Fluent's error payloads, in the shapes Fluent answers with: codes come from structured
 * fields or the very start of a message, never from text that may quote user data; a 401 body is never read.
 */
class FluentErrorMapperTest {

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private final FluentErrorMapper errors = new FluentErrorMapper(JSON, new FluentClientConfiguration(
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(60), List.of("C0121E", "C0123E"), "",
            List.of("S0040E"), "(?i)(access token expired|invalid access token)(: \\S*)?", List.of("C0011E", "S0002E")));

    @Test
    void aRestValidationErrorIsARejectionCarryingFluentsCodesAndMessages() {
        RuntimeException failure = errors.forStatus(answer(400, """
                {"errors":[{"code":"NotNull","message":"'retailerId' is required"},{"code":"400","message":"'name' is required"}]}"""));

        assertThat(failure).isInstanceOfSatisfying(FluentRejectedException.class, rejected -> {
            assertThat(rejected).hasMessage("Fluent answered HTTP 400: 'retailerId' is required (and 1 more)");
            assertThat(rejected.errors()).extracting(FluentError::code).containsExactly("NotNull", "400");
        });
    }

    @Test
    void readsTheOAuthAndTheMessageShapesToo() {
        assertThat(errors.forStatus(answer(400, "{\"error\":\"invalid_request\",\"error_description\":\"Bad input\"}")))
                .isInstanceOfSatisfying(FluentRejectedException.class, rejected -> {
                    assertThat(rejected).hasMessage("Fluent answered HTTP 400: Bad input");
                    assertThat(rejected.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("invalid_request"));
                });
        assertThat(errors.forStatus(answer(403, "{\"error\":\"access_denied\",\"error_description\":\"denied to api-user\"}")))
                .as("a 403 body may echo the account: not quoted")
                .isInstanceOfSatisfying(FluentRejectedException.class, rejected -> {
                    assertThat(rejected).hasMessage("Fluent answered HTTP 403");
                    assertThat(rejected.errors()).isEmpty();
                });
        assertThat(errors.forStatus(answer(400, "{\"message\":\"C0140E: missing 'name'\",\"status\":400}")))
                .isInstanceOfSatisfying(FluentRejectedException.class,
                        rejected -> assertThat(rejected.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("C0140E")));
    }

    @Test
    void neverTakesACodeFromFreeTextInACodeFieldOrInsideAMessage() {
        RuntimeException failure = errors.forStatus(answer(400, """
                {"errors":[{"code":"user 'C0011E' is bad","message":"Customer 'C0011E@x.com' is invalid"}]}"""));

        assertThat(failure).as("C0011E is transient, but only quoted here").isInstanceOfSatisfying(FluentRejectedException.class,
                rejected -> assertThat(rejected.errors()).singleElement().satisfies(e -> assertThat(e.code()).isNull()));
    }

    @Test
    void aFinalStatusWithATransientCodeIsUnavailable() {
        RuntimeException failure = errors.forStatus(new FluentHttpResponse(400,
                "{\"errors\":[{\"message\":\"Rate limit exceeded\",\"extensions\":{\"code\":\"C0011E\"}}]}".getBytes(StandardCharsets.UTF_8),
                Optional.of(Duration.ofSeconds(60))));

        assertThat(failure).isInstanceOfSatisfying(FluentUnavailableException.class,
                unavailable -> assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(60)));
    }

    @Test
    void statusesWithoutAReadableBodySayOnlyTheStatus() {
        assertThat(errors.forStatus(answer(404, "<html>Not Found</html>"))).isInstanceOf(FluentRejectedException.class)
                .hasMessage("Fluent answered HTTP 404");
        assertThat(errors.forStatus(answer(413, ""))).isInstanceOf(FluentRejectedException.class)
                .hasMessage("the request is larger than Fluent accepts (HTTP 413; the limit is 2 MB)");
        assertThat(errors.forStatus(new FluentHttpResponse(503, new byte[0], Optional.of(Duration.ofSeconds(2)))))
                .isInstanceOfSatisfying(FluentUnavailableException.class, unavailable -> {
                    assertThat(unavailable).hasMessage("Fluent answered HTTP 503");
                    assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(2));
                });
    }

    @Test
    void a401IsARefusedTokenAndItsBodyWhichEchoesTheTokenIsNotRead() {
        RuntimeException failure = errors.forStatus(answer(401,
                "{\"error\":\"invalid_token\",\"error_description\":\"Invalid access token: 3f2b-secret\"}"));

        assertThat(failure).isInstanceOf(TokenRejectedException.class).hasMessageNotContaining("3f2b-secret");
    }

    @Test
    void refusedCredentialsShowOnlyAnErrorCodeNeverTheDescription() {
        FluentAuthenticationException refused = FluentErrorMapper.credentialsRefused("default", 400,
                errors.parse("{\"error\":\"invalid_grant\",\"error_description\":\"Bad credentials for worker@acme.test\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(refused).hasMessage("Fluent refused a token for connection 'default' (HTTP 400 invalid_grant)");
    }

    @Test
    void graphQlErrorsWithoutDataAreTransientByCodeElseARejection() {
        assertThat(errors.withoutData(List.of(new FluentError("General server failure", "S0002E", null))))
                .isInstanceOf(FluentUnavailableException.class);
        assertThat(errors.withoutData(List.of(new FluentError("C0123E: exists", "C0123E", "createCustomer"))))
                .isInstanceOf(FluentRejectedException.class).hasMessage("Fluent rejected the request: C0123E: exists");
        assertThat(errors.withoutData(List.of())).isInstanceOf(FluentRejectedException.class)
                .hasMessage("Fluent answered with neither data nor errors");
    }

    private static FluentHttpResponse answer(int status, String body) {
        return new FluentHttpResponse(status, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }
}
