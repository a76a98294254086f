package io.fluentkafka.worker.support.fluent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The faults the simulator injects: failures, throttling, outages, hangs, fault rates and latency. */
class SimulatorFaultsTest extends SimulatorOverHttp {

    @Test
    void failsNextRequestsWithGivenStatusThenRecovers() throws Exception {
        String token = accessToken();
        fluent.failNextGraphQl(2, 502);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(graphQl(token, "{ me { ref } }", null).status());
        }

        assertEquals(List.of(502, 502, 200), statuses);
    }

    @Test
    void throttlesWithRetryAfterHeader() throws Exception {
        String token = accessToken();
        fluent.throttleNextGraphQl(1, Duration.ofSeconds(2));

        Reply throttled = graphQl(token, "{ me { ref } }", null);

        assertEquals(429, throttled.status());
        assertEquals("2", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, graphQl(token, "{ me { ref } }", null).status());
    }

    @Test
    void outageAnswers503OnEveryEndpoint() throws Exception {
        String token = accessToken();
        fluent.outage(true);

        assertEquals(503, postForm("/oauth/token", passwordGrant()).status());
        assertEquals(503, graphQl(token, "{ me { ref } }", null).status());
        fluent.outage(false);
        assertEquals(200, graphQl(token, "{ me { ref } }", null).status());
    }

    @Test
    void hangsLongerThanClientTimeoutThenAnswers504() throws Exception {
        String token = accessToken();
        fluent.hangNextGraphQl(2, Duration.ofMillis(400));

        assertThrows(HttpTimeoutException.class, () -> HTTP.send(graphQlRequest(token, "{ me { ref } }", null)
                .timeout(Duration.ofMillis(100)).build(), HttpResponse.BodyHandlers.ofString()));
        long start = System.nanoTime();
        Reply held = graphQl(token, "{ me { ref } }", null);

        assertEquals(504, held.status());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 400);
        assertEquals(200, graphQl(token, "{ me { ref } }", null).status());
    }

    @Test
    void appliesRandomFaultRates() throws Exception {
        String token = accessToken();

        fluent.faultRates(1.0, 0, 0, Duration.ZERO);
        assertEquals(503, graphQl(token, "{ me { ref } }", null).status());
        fluent.faultRates(0, 1.0, 0, Duration.ZERO);
        assertEquals("1", graphQl(token, "{ me { ref } }", null).headers().firstValue("Retry-After").orElseThrow());
        fluent.faultRates(0, 0, 0, Duration.ZERO);
        assertEquals(200, graphQl(token, "{ me { ref } }", null).status());
    }

    @Test
    void servesHundredsOfConcurrentSlowRequests() throws Exception {
        String token = accessToken();
        fluent.latency(Duration.ofMillis(300));
        long start = System.nanoTime();

        List<CompletableFuture<HttpResponse<String>>> replies = IntStream.range(0, 300)
                .mapToObj(i -> HTTP.sendAsync(graphQlRequest(token, CREATE_CUSTOMER,
                        Map.of("input", customer("1_c" + i + "@example.com"))).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "requests were served in parallel");
        assertTrue(replies.stream().allMatch(reply -> reply.join().statusCode() == 200));
        Set<Object> ids = IntStream.range(0, 300)
                .mapToObj(i -> fluent.customerByUsername("1_c" + i + "@example.com").orElseThrow().get("id"))
                .collect(Collectors.toSet());
        assertEquals(300, ids.size());
    }
}
