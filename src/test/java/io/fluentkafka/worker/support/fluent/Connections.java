package io.fluentkafka.worker.support.fluent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fluent's Relay-style connections (fluent-api.md §4.1): {@code edges{node cursor}} and
 * {@code pageInfo{hasNextPage hasPreviousPage}}, no {@code endCursor}. A cursor is the base64 of the node's
 * index in the full result; {@code after} continues behind it. A page holds 10 nodes unless {@code first} says.
 */
final class Connections {

    static final int DEFAULT_PAGE_SIZE = 10;

    private Connections() {
    }

    /** @throws IllegalArgumentException for a cursor this simulator did not issue */
    static Map<String, Object> page(List<Map<String, Object>> nodes, Integer first, String after) {
        int start = after == null ? 0 : index(after) + 1;
        int size = first == null ? DEFAULT_PAGE_SIZE : Math.max(0, first);
        int end = (int) Math.min(nodes.size(), (long) start + size);
        List<Map<String, Object>> edges = new ArrayList<>();
        for (int i = start; i < end; i++) {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("node", nodes.get(i));
            edge.put("cursor", cursor(i));
            edges.add(edge);
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasPreviousPage", start > 0);
        pageInfo.put("hasNextPage", end < nodes.size());
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("edges", edges);
        connection.put("pageInfo", pageInfo);
        return connection;
    }

    static String cursor(int index) {
        return Base64.getEncoder().encodeToString(Integer.toString(index).getBytes(StandardCharsets.UTF_8));
    }

    private static int index(String cursor) {
        try {
            int index = Integer.parseInt(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (index < 0) {
                throw new IllegalArgumentException("Invalid cursor: " + cursor);
            }
            return index;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid cursor: " + cursor, e);
        }
    }
}
