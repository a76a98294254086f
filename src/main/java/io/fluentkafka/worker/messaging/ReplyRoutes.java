package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.config.ReplyTopicsConfiguration;
import io.fluentkafka.worker.config.TopicsConfiguration;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a command's reply goes: the topic its {@code kafka_replyTopic} header names, if that is a legal topic name
 * that {@code worker.reply-topics} allows and not a command or dead-letter topic; else the configured reply topic.
 * A header that names a topic the worker must not write to is refused, and the command ends FAILED on the
 * configured reply topic instead (see {@link CommandRecordProcessor}).
 */
@Singleton
final class ReplyRoutes {

    static final String REPLY_TOPIC_HEADER = "kafka_replyTopic";
    /** Kafka's own rule for topic names. */
    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Where to publish a reply. {@code fromHeader}: named by the command rather than configured. */
    sealed interface Route {
        record To(String topic, boolean fromHeader) implements Route {
        }

        record Refused(String why) implements Route {
        }
    }

    private final TopicsConfiguration topics;
    private final Set<String> commandTopics;
    private final Pattern allowed;

    ReplyRoutes(TopicsConfiguration topics, ReplyTopicsConfiguration replyTopics) {
        this.topics = topics;
        this.commandTopics = Set.copyOf(topics.commandTopics());
        this.allowed = allowedPattern(replyTopics);
    }

    Route route(ConsumerRecord<?, ?> command) {
        Header header = command.headers().lastHeader(REPLY_TOPIC_HEADER);
        if (header == null || header.value() == null || header.value().length == 0) {
            return new Route.To(topics.replies(), false);
        }
        String topic = utf8(header.value());
        if (topic == null || !LEGAL_TOPIC.matcher(topic).matches()) {
            return new Route.Refused("the " + REPLY_TOPIC_HEADER + " header '" + preview(topic, header.value())
                    + "' is not a legal Kafka topic name (1 to 249 of a-z, A-Z, 0-9, '.', '_', '-')");
        }
        if (topic.equals(topics.replies())) {
            return new Route.To(topic, false);
        }
        if (commandTopics.contains(topic) || topics.isDeadLetterTopic(topic)) {
            return new Route.Refused("the " + REPLY_TOPIC_HEADER + " header names '" + topic
                    + "', a command or dead-letter topic; replies never go there");
        }
        if (!allowed.matcher(topic).matches()) {
            return new Route.Refused("the " + REPLY_TOPIC_HEADER + " header names '" + topic + "', which "
                    + ReplyTopicsConfiguration.PREFIX + ".allowed does not allow");
        }
        return new Route.To(topic, true);
    }

    /** One pattern for the names (with {@code *} wildcards) and the optional regex. */
    private static Pattern allowedPattern(ReplyTopicsConfiguration replyTopics) {
        List<String> alternatives = replyTopics.allowed().stream()
                .map(name -> Pattern.quote(name).replace("*", "\\E.*\\Q"))
                .collect(Collectors.toList());
        if (!replyTopics.allowedPattern().isEmpty()) {
            alternatives.add("(?:" + replyTopics.allowedPattern() + ")");
        }
        return alternatives.isEmpty() ? Pattern.compile("(?!)") : Pattern.compile(String.join("|", alternatives));
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String preview(String topic, byte[] raw) {
        if (topic == null) {
            return "(" + raw.length + " bytes, not UTF-8)";
        }
        String printable = topic.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 100 ? printable : printable.substring(0, 100) + "...";
    }
}
