package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.config.FluentConnectionConfiguration;
import io.fluentkafka.worker.metrics.WorkerMetrics;
import io.fluentkafka.worker.support.logging.CapturedLogs;
import io.fluentkafka.worker.time.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token's lifetime and sharing, against a fake token endpoint and time moved by a {@link ManualScheduler}. */
class TokenProviderTest {

    private static final String USERNAME = "worker@acme.test";
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final ManualScheduler time = new ManualScheduler();
    private final FakeEndpoint endpoint = new FakeEndpoint();
    private final String connectionName = "tokens-" + System.nanoTime();
    private final TokenProvider tokens = new TokenProvider(
            new FluentConnectionConfiguration(connectionName, "https://acme.test", USERNAME, "pw", "ACME", "secret", null, "api", "UTC"),
            endpoint, JsonMapper.createDefault(), SKEW, time, new WorkerMetrics(new SimpleMeterRegistry()));
    private final ExecutorService callers = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void sharesOneTokenRequestAmongConcurrentCallers() throws Exception {
        CompletableFuture<FluentHttpResponse> answer = endpoint.holdNext();

        List<CompletableFuture<AccessToken>> asked = concurrently(64, tokens::current);
        answer.complete(granted("t1", 3600));

        assertThat(endpoint.requests).hasSize(1);
        AccessToken first = asked.get(0).join();
        assertThat(asked).allSatisfy(token -> assertThat(token.join()).isSameAs(first));
        assertThat(endpoint.requests.get(0)).containsEntry("grant_type", "password").containsEntry("username", USERNAME);
    }

    @Test
    void renewsTheTokenTheSkewBeforeItExpires() {
        endpoint.answerWith(granted("t1", 3600));
        AccessToken first = tokens.current().join();

        time.advance(Duration.ofSeconds(3600).minus(SKEW).minusMillis(1));
        assertThat(tokens.current().join()).isSameAs(first);
        assertThat(endpoint.requests).hasSize(1);

        endpoint.answerWith(granted("t2", 3600));
        time.advance(Duration.ofMillis(1));
        assertThat(tokens.current().join().value()).isEqualTo("t2");
        assertThat(endpoint.requests).hasSize(2);
    }

    @Test
    void renewsARejectedTokenWithOneRequestHoweverManyCallersReportIt() throws Exception {
        endpoint.answerWith(granted("t1", 3600));
        AccessToken rejected = tokens.current().join();
        CompletableFuture<FluentHttpResponse> answer = endpoint.holdNext();

        List<CompletableFuture<AccessToken>> renewed = concurrently(64, () -> tokens.renew(rejected));
        answer.complete(granted("t2", 3600));

        assertThat(endpoint.requests).hasSize(2);
        assertThat(renewed).allSatisfy(token -> assertThat(token.join().value()).isEqualTo("t2"));
        assertThat(tokens.renew(rejected).join().value()).as("a late report of the old token").isEqualTo("t2");
        assertThat(endpoint.requests).hasSize(2);
    }

    @Test
    void usesATokenWithATinyOrNoLifetimeForTheFloorAndWarnsOncePerConnection() {
        endpoint.answerWith(granted("t1", 0));
        AccessToken first = tokens.current().join();

        time.advance(TokenProvider.MIN_USABLE.minusMillis(1));
        assertThat(tokens.current().join()).isSameAs(first);
        assertThat(endpoint.requests).hasSize(1);

        endpoint.answerWith(granted("t2", 5));
        time.advance(Duration.ofMillis(1));
        AccessToken second = tokens.current().join();
        assertThat(second.value()).isEqualTo("t2");
        assertThat(second.renewAt()).isEqualTo(time.now().plus(TokenProvider.MIN_USABLE));

        List<String> warnings = CapturedLogs.lines().stream()
                .filter(line -> line.contains("connection '" + connectionName + "'") && line.contains("expires_in")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("expires_in 0 s").contains("30 s").doesNotContain(USERNAME);
    }

    @Test
    void refusedCredentialsFailWithoutTheAccountNameOrWhateverFluentEchoed() {
        endpoint.answerWith(answer(401, "{\"error\":\"invalid_grant\",\"error_description\":\"Bad credentials for " + USERNAME + "\"}"));
        assertThatThrownBy(() -> tokens.current().join()).cause()
                .isInstanceOf(FluentAuthenticationException.class)
                .hasMessage("Fluent refused a token for connection '" + connectionName + "' (HTTP 401 invalid_grant)");

        endpoint.answerWith(answer(400, "{\"error\":\"no such user " + USERNAME + "\"}"));
        assertThatThrownBy(() -> tokens.current().join()).cause()
                .isInstanceOf(FluentAuthenticationException.class)
                .hasMessage("Fluent refused a token for connection '" + connectionName + "' (HTTP 400)");
        assertThat(endpoint.requests).as("a failed request is not cached").hasSize(2);
    }

    private <T> List<CompletableFuture<T>> concurrently(int count, Supplier<CompletableFuture<T>> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CompletableFuture<T>>> submitted = new java.util.ArrayList<>();
        for (int n = 0; n < count; n++) {
            submitted.add(callers.submit(() -> {
                start.await();
                return call.get();
            }));
        }
        start.countDown();
        List<CompletableFuture<T>> results = new java.util.ArrayList<>();
        for (Future<CompletableFuture<T>> future : submitted) {
            results.add(future.get());
        }
        return results;
    }

    private static FluentHttpResponse granted(String token, long expiresIn) {
        return answer(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn
                + ",\"Retailer_id\":1}");
    }

    private static FluentHttpResponse answer(int status, String body) {
        return new FluentHttpResponse(status, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    /** Records every form it receives; answers with the response it was given, or holds the next request. */
    private static final class FakeEndpoint implements TokenProvider.Endpoint {
        final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
        private volatile FluentHttpResponse answer;
        private volatile CompletableFuture<FluentHttpResponse> held;

        void answerWith(FluentHttpResponse response) {
            answer = response;
        }

        CompletableFuture<FluentHttpResponse> holdNext() {
            held = new CompletableFuture<>();
            return held;
        }

        @Override
        public CompletableFuture<FluentHttpResponse> request(Map<String, String> form) {
            requests.add(Map.copyOf(form));
            CompletableFuture<FluentHttpResponse> pending = held;
            if (pending != null) {
                held = null;
                return pending;
            }
            return CompletableFuture.completedFuture(answer);
        }
    }
}
