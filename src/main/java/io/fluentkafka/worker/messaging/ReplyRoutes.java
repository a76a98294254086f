package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.config.ReplyTopicsConfiguration;
import io.fluentkafka.worker.config.TopicNames;
import io.fluentkafka.worker.config.TopicsConfiguration;
import io.fluentkafka.worker.time.Scheduler;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Where a command's reply goes: the topic its {@code kafka_replyTopic} header names, if that is a legal topic name
 * that {@code worker.reply-topics} allows, not a command or dead-letter topic, and has not refused a reply within
 * the last {@code worker.reply-topics.max-wait}; else, without a header, the configured reply topic. A refused
 * header is decided before the command is performed: the command then ends FAILED (CONFIGURATION) on the
 * configured reply topic without calling Fluent.
 */
@Singleton
final class ReplyRoutes {

    static final String REPLY_TOPIC_HEADER = "kafka_replyTopic";
    /** Refusals remembered at once; beyond this the oldest knowledge is dropped (it only saves waiting). */
    private static final int REMEMBERED_MAX = 1_000;

    /** Where to publish a reply. {@code fromHeader}: named by the command rather than configured. */
    sealed interface Route {
        record To(String topic, boolean fromHeader) implements Route {
        }

        record Refused(String why) implements Route {
        }
    }

    private record Refusal(long untilNanos, String why) {
    }

    private final TopicsConfiguration topics;
    private final Set<String> commandTopics;
    private final Predicate<String> allowed;
    private final Route.To configured;
    private final ReplyTopicsConfiguration replyTopics;
    private final Scheduler scheduler;
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

    ReplyRoutes(TopicsConfiguration topics, CommandTopics commands, ReplyTopicsConfiguration replyTopics, Scheduler scheduler) {
        this.topics = topics;
        this.commandTopics = commands.topics();
        this.allowed = replyTopics.allowedNames();
        this.configured = new Route.To(topics.replies(), false);
        this.replyTopics = replyTopics;
        this.scheduler = scheduler;
    }

    /** The configured reply topic. */
    Route.To configured() {
        return configured;
    }

    Route route(ConsumerRecord<?, ?> command) {
        Header header = command.headers().lastHeader(REPLY_TOPIC_HEADER);
        if (header == null || header.value() == null || header.value().length == 0) {
            return configured;
        }
        String topic = utf8(header.value());
        if (!TopicNames.isLegal(topic)) {
            return new Route.Refused("the " + REPLY_TOPIC_HEADER + " header '" + preview(topic, header.value())
                    + "' is not a legal Kafka topic name (1 to 249 of a-z, A-Z, 0-9, '.', '_', '-')");
        }
        if (topic.equals(topics.replies())) {
            return configured;
        }
        if (commandTopics.contains(topic) || topics.isDeadLetterTopic(topic)) {
            return new Route.Refused("the " + REPLY_TOPIC_HEADER + " header names '" + topic
                    + "', a command or dead-letter topic; replies never go there");
        }
        if (!allowed.test(topic)) {
            return new Route.Refused("the " + REPLY_TOPIC_HEADER + " header names '" + topic + "', which "
                    + ReplyTopicsConfiguration.PREFIX + ".allowed does not allow");
        }
        Refusal refusal = refusals.get(topic);
        if (refusal != null && refusal.untilNanos() - scheduler.nanoTime() > 0) {
            return new Route.Refused("the " + REPLY_TOPIC_HEADER + " header names '" + topic + "', which refused a reply "
                    + "less than " + replyTopics.maxWait().toSeconds() + " s ago: " + refusal.why());
        }
        return new Route.To(topic, true);
    }

    /**
     * A header-named topic refused a reply for good, or did not take it in time: for the next max-wait, commands
     * naming it are refused at once instead of each waiting as long.
     */
    void refused(String topic, String why) {
        if (refusals.size() >= REMEMBERED_MAX) {
            refusals.clear();
        }
        refusals.put(topic, new Refusal(scheduler.nanoTime() + replyTopics.maxWait().toNanos(), why));
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The name as far as it is safe to show: no control or format characters, at most 100 characters. */
    private static String preview(String topic, byte[] raw) {
        if (topic == null) {
            return "(" + raw.length + " bytes, not UTF-8)";
        }
        String printable = topic.replaceAll("[\\p{Cc}\\p{Cf}]", "?");
        return printable.length() <= 100 ? printable : printable.substring(0, 100) + "...";
    }
}
