package io.fluentkafka.worker.support.fluent;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every request in arrival order; safe to add to from many handler threads while tests read it. */
final class RequestLog {

    static final String TOKEN_PATH = "/oauth/token";
    static final String GRAPHQL_PATH = "/graphql";

    private final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();

    void add(RecordedRequest request) {
        requests.add(request);
    }

    List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    List<RecordedRequest> onPath(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    void clear() {
        requests.clear();
    }
}
