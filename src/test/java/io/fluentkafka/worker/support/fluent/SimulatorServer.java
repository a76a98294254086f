package io.fluentkafka.worker.support.fluent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The HTTP edge: records every request on arrival, then applies latency, outage and faults before routing.
 * Requests are handled on up to {@value #THREADS} threads, enough for hundreds of concurrent slow requests;
 * a held request occupies its thread until it is answered or the server closes.
 */
final class SimulatorServer implements AutoCloseable {

    static final int THREADS = 400;

    static {
        // read once, when the JDK server's classes load:
        // - it closes a kept-alive connection once 200 are idle, which a worker with 256 calls in flight exceeds,
        //   and each close costs both sides a new connection;
        // - it writes a response's headers and body separately, and without TCP_NODELAY Nagle's algorithm holds
        //   the body until the client's delayed ACK: about 40 ms more on every call
        System.getProperties().putIfAbsent("sun.net.httpserver.maxIdleConnections", Integer.toString(2 * THREADS));
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    }
    /** Fluent rejects larger requests with 413 (fluent-api.md §5). */
    static final int MAX_BODY_CHARS = 2 * 1024 * 1024;

    private final RequestLog log;
    private final FaultPlan faults;
    private final FaultPlan restFaults;
    private final TokenEndpoint tokenEndpoint;
    private final GraphQlEndpoint graphQlEndpoint;
    private final RestEndpoint restEndpoint;
    private final SimulatorWebhooks webhooks;
    private final ThreadPoolExecutor executor = threadPool();
    private final HttpServer server;

    /**
     * @param faults     latency and outage for every API path, and the faults of {@code /graphql}
     * @param restFaults the faults of the REST paths ({@code /api/v4.1/**}); its latency and outage are not used
     */
    SimulatorServer(RequestLog log, FaultPlan faults, FaultPlan restFaults, TokenEndpoint tokenEndpoint,
                    GraphQlEndpoint graphQlEndpoint, RestEndpoint restEndpoint, SimulatorWebhooks webhooks) {
        this.log = log;
        this.faults = faults;
        this.restFaults = restFaults;
        this.tokenEndpoint = tokenEndpoint;
        this.graphQlEndpoint = graphQlEndpoint;
        this.restEndpoint = restEndpoint;
        this.webhooks = webhooks;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stops at once: held and slow requests are interrupted and their connections closed unanswered. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Webhooks the request raises are posted once its answer is written (or the client went away). */
    private void handle(HttpExchange exchange) {
        webhooks.holdDuringRequest();
        try {
            RecordedRequest request = RequestReader.read(exchange);
            log.add(request);
            write(exchange, respond(request));
        } catch (IOException e) {
            // the client went away, e.g. after its own timeout: nobody is left to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
            webhooks.releaseAfterRequest();
        }
    }

    private SimulatorResponse respond(RecordedRequest request) throws InterruptedException {
        boolean rest = request.path().startsWith(RestEndpoint.PREFIX);
        boolean api = rest || request.path().equals(RequestLog.TOKEN_PATH) || request.path().equals(RequestLog.GRAPHQL_PATH);
        if (api) {
            hold(faults.latency());
        }
        if (faults.outage()) {
            return SimulatorResponse.oauthError(503, "service_unavailable", "Simulated outage");
        }
        if (!api) {
            return SimulatorResponse.oauthError(404, "not_found", "No endpoint " + request.path());
        }
        if (rest) {
            return request.body().length() > MAX_BODY_CHARS
                    ? RestEndpoint.error(413, "413", "Request larger than 2 MB")
                    : withFaults(restFaults, request, restEndpoint::handle);
        }
        if (!request.method().equals("POST")) {
            return SimulatorResponse.oauthError(405, "method_not_allowed", "Use POST on " + request.path())
                    .withHeader("Allow", "POST");
        }
        if (request.body().length() > MAX_BODY_CHARS) {
            return SimulatorResponse.oauthError(413, "request_entity_too_large", "Request larger than 2 MB");
        }
        return request.path().equals(RequestLog.TOKEN_PATH) ? tokenEndpoint.handle(request.form())
                : withFaults(faults, request, graphQlEndpoint::handle);
    }

    private static SimulatorResponse withFaults(FaultPlan plan, RecordedRequest request,
                                                Function<RecordedRequest, SimulatorResponse> endpoint) throws InterruptedException {
        Fault fault = plan.next(request.body());
        if (fault instanceof Fault.Status status) {
            return SimulatorResponse.oauthError(status.httpStatus(), "server_error",
                    "Simulated HTTP " + status.httpStatus());
        }
        if (fault instanceof Fault.Throttle throttle) {
            long seconds = (throttle.retryAfter().toMillis() + 999) / 1000;
            return SimulatorResponse.oauthError(429, "too_many_requests", "Simulated rate limit")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        if (fault instanceof Fault.Hang hang) {
            hold(hang.hold());
            return SimulatorResponse.oauthError(504, "gateway_timeout", "Simulated upstream timeout");
        }
        return endpoint.apply(request);
    }

    private static void hold(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    }

    private static void write(HttpExchange exchange, SimulatorResponse response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ThreadPoolExecutor threadPool() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = runnable -> {
            Thread thread = new Thread(runnable, "fluent-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemons);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
