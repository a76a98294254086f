package io.fluentkafka.worker.fluent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one reading of Fluent's HTTP statuses, shared by the token endpoint, /graphql and the REST APIs. */
class HttpStatusPolicyTest {

    @ParameterizedTest
    @CsvSource({
            "200, SUCCESS", "201, SUCCESS", "202, SUCCESS", "204, SUCCESS",
            "401, TOKEN_REJECTED",
            "408, TRANSIENT", "429, TRANSIENT", "500, TRANSIENT", "502, TRANSIENT", "503, TRANSIENT", "504, TRANSIENT",
            "100, FINAL", "302, FINAL", "400, FINAL", "403, FINAL", "404, FINAL", "409, FINAL", "413, FINAL", "422, FINAL"})
    void classifiesEveryStatus(int status, HttpStatusPolicy.Verdict expected) {
        assertThat(HttpStatusPolicy.verdict(status)).isEqualTo(expected);
    }

    @Test
    void aTransientAnswerCarriesRetryAfterButNeverTheBody() {
        FluentHttpResponse throttled = new FluentHttpResponse(429,
                "{\"error\":\"too_many_requests\",\"error_description\":\"slow down, worker@acme.test\"}".getBytes(StandardCharsets.UTF_8),
                Optional.of(Duration.ofSeconds(7)));

        FluentUnavailableException unavailable = HttpStatusPolicy.unavailable("Fluent's token endpoint", throttled);

        assertThat(unavailable).hasMessage("Fluent's token endpoint answered HTTP 429");
        assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(7));
    }
}
