package io.fluentkafka.worker.support.process;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Base64;
import java.util.BitSet;
import java.util.Map;

/** A worker group's committed offsets, and what they say is finished. */
public final class Commits {

    private Commits() {
    }

    /** The offsets (with metadata) the consumer group {@code groupId} has committed. */
    public static Map<TopicPartition, OffsetAndMetadata> committed(String bootstrapServers, String groupId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + groupId, e);
        }
    }

    /**
     * Whether {@code commit} says the record at {@code position} finished: below the committed offset, or named in
     * the commit metadata. The metadata is read here from its documented format ({@code fkw1:} and the base64 of a
     * bit set whose bit {@code i} is record {@code committed + i}), independently of the worker's own code.
     */
    public static boolean coveredBy(Map<TopicPartition, OffsetAndMetadata> commit, RecordMetadata position) {
        OffsetAndMetadata committed = commit.get(new TopicPartition(position.topic(), position.partition()));
        if (committed == null) {
            return false;
        }
        long above = position.offset() - committed.offset();
        if (above < 0) {
            return true;
        }
        String metadata = committed.metadata();
        if (metadata == null || !metadata.startsWith("fkw1:") || above > Integer.MAX_VALUE) {
            return false;
        }
        return BitSet.valueOf(Base64.getDecoder().decode(metadata.substring("fkw1:".length()))).get((int) above);
    }
}
