package io.fluentkafka.worker.support.fluent;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the simulator answers: always a JSON body, plus any extra headers. */
record SimulatorResponse(int status, Map<String, String> headers, String body) {

    SimulatorResponse {
        headers = Map.copyOf(headers);
    }

    static SimulatorResponse json(int status, Object body) {
        return new SimulatorResponse(status, Map.of(), JsonCodec.write(body));
    }

    /** The OAuth2 error body Spring Security writes: {@code {"error": ..., "error_description": ...}}. */
    static SimulatorResponse oauthError(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return json(status, body);
    }

    SimulatorResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimulatorResponse(status, more, body);
    }
}
