package io.fluentkafka.worker.consumer;

import java.util.Base64;
import java.util.BitSet;

/**
 * Which records above a committed offset already finished, carried in the commit's metadata so that the
 * partition's next owner (after a crash, a restart or a rebalance) does not process them again. Format:
 * {@code fkw1:} and the base64 of a bit set whose bit {@code i} says record {@code committed + i} finished.
 * At most {@link #MAX_RECORDS} records are described, keeping the metadata under Kafka's default 4 KB limit
 * ({@code offset.metadata.max.bytes}); records beyond that are simply processed again.
 */
final class CommitMetadata {

    static final int MAX_RECORDS = 24_000;
    private static final String PREFIX = "fkw1:";

    private CommitMetadata() {
    }

    /** The metadata naming {@code finished} (bit {@code i}: record {@code committed + i}); empty string when none. */
    static String encode(BitSet finished) {
        if (finished.length() > MAX_RECORDS) {
            throw new IllegalArgumentException("more than " + MAX_RECORDS + " records: " + finished.length());
        }
        return finished.isEmpty() ? "" : PREFIX + Base64.getEncoder().encodeToString(finished.toByteArray());
    }

    /** The finished records described by {@code metadata}, relative to the committed offset; empty if none or unreadable. */
    static BitSet decode(String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return new BitSet();
        }
        try {
            return BitSet.valueOf(Base64.getDecoder().decode(metadata.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return new BitSet();
        }
    }
}
