package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command's {@code kafka_replyTopic} header can neither stop the worker nor make it write where it must not: every
 * command whose reply cannot go where the header says ends FAILED (CONFIGURATION) on the configured reply topic,
 * plus its dead letter, and so does one whose reply cannot be built (INTERNAL).
 */
class ReplyTopicsIT {

    private static final String GROUP = "replytopics-worker";
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("replytopics", Map.of(
                "worker.group-id", GROUP,
                // allowed here, but Kafka refuses writes to its internal topics
                "worker.reply-topics.allowed-pattern", "__consumer_offsets",
                "worker.reply-topics.max-wait", "5s",
                "kafka.producers.fluent-kafka-worker.max.block.ms", "2000",
                "test.failing-reply-mapper.prefix", "explode-"));
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @Test
    void endsEveryCommandWhoseReplyTopicIsNotALegalNameWithoutHoldingUpOthers() {
        List<String> bad = ids("bad", 300);
        List<String> good = ids("good", 60);
        for (int n = 0; n < bad.size(); n++) {
            worker.producer().send(worker.topic("get-current-user"), "bad-" + n, GetCurrentUser.newBuilder().setCommandId(bad.get(n)).build(),
                    Map.of("kafka_replyTopic", "no such topic!"));
        }
        for (int n = 0; n < good.size(); n++) {
            worker.producer().send(worker.topic("get-current-user"), "good-" + n, GetCurrentUser.newBuilder().setCommandId(good.get(n)).build(), Map.of());
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> repliesTo(good).size() == good.size() && repliesTo(bad).size() == bad.size());
        assertThat(repliesTo(good)).allSatisfy(reply -> assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED));
        assertThat(repliesTo(bad)).allSatisfy(reply -> assertFailedBecause(reply,
                "the kafka_replyTopic header 'no such topic!' is not a legal Kafka topic name"));
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered("get-current-user").containsAll(bad));
    }

    @Test
    void neverWritesToACommandOrDeadLetterTopicBecauseAHeaderSaysSo() {
        String commandTopic = worker.topic("create-product");
        int before = worker.records(commandTopic).size() + worker.records(commandTopic + ".dlt").size();
        String toCommands = sendWithReplyTopic(commandTopic);
        String toDeadLetters = sendWithReplyTopic(commandTopic + ".dlt");

        assertFailedBecause(worker.awaitReply(toCommands), "a command or dead-letter topic; replies never go there");
        assertFailedBecause(worker.awaitReply(toDeadLetters), "a command or dead-letter topic; replies never go there");
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered("get-current-user").containsAll(List.of(toCommands, toDeadLetters)));
        assertThat(worker.records(commandTopic).size() + worker.records(commandTopic + ".dlt").size()).isEqualTo(before);
    }

    @Test
    void refusesAReplyTopicTheAllowListDoesNotName() {
        String id = sendWithReplyTopic("audit-log");

        Reply reply = worker.awaitReply(id);
        assertFailedBecause(reply, "'audit-log', which worker.reply-topics.allowed does not allow");
        assertThat(reply.getAttempts()).as("refused before Fluent was called").isZero();
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter("get-current-user", "dlt.command-id", id);
        assertThat(RunningWorker.header(deadLetter, "dlt.error.category")).isEqualTo("CONFIGURATION");
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("validate");
    }

    @Test
    void endsACommandWhoseReplyTopicKafkaRefusesForGood() {
        String id = sendWithReplyTopic("__consumer_offsets");

        Reply reply = worker.awaitReply(id);

        assertFailedBecause(reply, "Kafka refused to write to '__consumer_offsets'");
        assertThat(reply.getError().getMessage()).contains("InvalidTopicException");
        worker.awaitDeadLetter("get-current-user", "dlt.command-id", id);
    }

    @Test
    void endsACommandWhoseAllowedReplyTopicDoesNotAppearWithinTheWaitAndRefusesTheNextAtOnce() {
        String missing = worker.topic("never-" + UUID.randomUUID().toString().substring(0, 8) + "-replies");
        String id = sendWithReplyTopic(missing);

        Reply reply = await().atMost(Duration.ofSeconds(30)).until(() -> worker.findReply(id), java.util.Optional::isPresent).get();
        String next = sendWithReplyTopic(missing); // within max-wait (5 s) of the refusal: refused without waiting again

        assertFailedBecause(reply, "the command was performed (FOUND), but its reply cannot go to the kafka_replyTopic header's topic: '"
                + missing + "' did not acknowledge within 5 s");
        worker.awaitDeadLetter("get-current-user", "dlt.command-id", id);
        assertFailedBecause(worker.awaitReply(next), "names '" + missing + "', which refused a reply less than 5 s ago");
        assertThat(worker.awaitReply(next).getAttempts()).as("Fluent was not called").isZero();
    }

    @Test
    void repliesInTheFewestBytesWhenAFailedReplyIsTooLargeForItsTopic() throws Exception {
        String small = worker.topic("tiny-" + UUID.randomUUID().toString().substring(0, 8) + "-replies");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(small, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "1200")))).all().get();
        }
        String id = "long-" + "x".repeat(2_000); // a FAILED reply (the id is too long) of about 2 KB
        worker.producer().send(worker.topic("get-current-user"), "long", GetCurrentUser.newBuilder().setCommandId(id).build(),
                Map.of("kafka_replyTopic", small));

        Reply reply = await().atMost(Duration.ofSeconds(30)).until(() -> worker.records(small).stream()
                .map(record -> RunningWorker.decode(record.value())).findFirst(), java.util.Optional::isPresent).get();

        assertFailedBecause(reply, "the command failed (VALIDATION: commandId is 2005 characters long");
        assertThat(reply.getError().getMessage()).contains("its reply is too large for " + small);
        assertThat(reply.getCommandId()).hasSize(255 + 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered("get-current-user").contains(id.substring(0, 2_000) + "..."));
    }

    @Test
    void repliesFailedInternalWhenItsReplyCannotBeBuiltAndMovesOn() throws Exception {
        String broken = "explode-" + UUID.randomUUID();
        String after = "after-explode-" + UUID.randomUUID();
        String topic = worker.topic("get-current-user");
        RecordMetadata first = worker.producer().send(topic, "explode", GetCurrentUser.newBuilder().setCommandId(broken).build(), Map.of());
        worker.producer().send(topic, "explode", GetCurrentUser.newBuilder().setCommandId(after).build(), Map.of());

        Reply reply = worker.awaitReply(broken);
        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.INTERNAL);
        assertThat(reply.getError().getMessage()).isEqualTo("cannot build the reply (java.lang.IllegalStateException); see the worker's log");
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter("get-current-user", "dlt.command-id", broken);
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("reply");
        assertThat(worker.awaitReply(after).getStatus()).as("the next command on its key").isEqualTo(ReplyStatus.SUCCEEDED);
        TopicPartition partition = new TopicPartition(topic, first.partition());
        await().atMost(Duration.ofSeconds(10)).until(() -> committed(partition) > first.offset());
    }

    private static String sendWithReplyTopic(String replyTopic) {
        String id = "rt-" + UUID.randomUUID();
        worker.producer().send(worker.topic("get-current-user"), id, GetCurrentUser.newBuilder().setCommandId(id).build(),
                Map.of("kafka_replyTopic", replyTopic));
        return id;
    }

    private static void assertFailedBecause(Reply reply, String why) {
        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(reply.getError().getMessage()).contains(why);
    }

    private static List<Reply> repliesTo(List<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        return worker.replyList().stream().filter(reply -> wanted.contains(reply.getCommandId())).toList();
    }

    private static Set<String> deadLettered(String command) {
        return worker.records(worker.topic(command) + ".dlt").stream()
                .map(record -> RunningWorker.header(record, "dlt.command-id")).collect(Collectors.toSet());
    }

    private static List<String> ids(String kind, int count) {
        return IntStream.range(0, count).mapToObj(n -> kind + "-" + n + "-" + UUID.randomUUID()).toList();
    }

    private static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }
}
