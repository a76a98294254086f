package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a broker that creates topics on first use (Kafka's default), the worker's producer would create any topic a
 * {@code kafka_replyTopic} header names. The allow-list is what stops that: a header may lead the broker to create
 * an allowed reply topic, and nothing else.
 */
class AutoCreatingBrokerIT {

    private static KafkaClusterTestKit broker;
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.startAutoCreating();
        worker = RunningWorker.startOn(broker.bootstrapServers(), "autocreate", Map.of("worker.group-id", "autocreate-worker"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            worker.close();
        } finally {
            broker.close();
        }
    }

    @Test
    void aHeaderLeadsTheBrokerToCreateOnlyAnAllowedReplyTopic() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String notAllowed = worker.topic("audit-" + suffix);
        String allowed = worker.topic("new-" + suffix + "-replies");
        String refusedId = send(notAllowed);
        String allowedId = send(allowed);

        Reply refused = worker.awaitReply(refusedId);
        Reply created = await().atMost(Duration.ofSeconds(30)).until(() -> worker.records(allowed).stream()
                .map(record -> RunningWorker.decode(record.value())).filter(reply -> reply.getCommandId().equals(allowedId)).findFirst(),
                java.util.Optional::isPresent).get();

        assertThat(refused.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(refused.getError().getCategory()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(created.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(topics()).contains(allowed).doesNotContain(notAllowed);
    }

    private static String send(String replyTopic) {
        String id = "auto-" + UUID.randomUUID();
        worker.producer().send(worker.topic("get-current-user"), id, GetCurrentUser.newBuilder().setCommandId(id).build(),
                Map.of("kafka_replyTopic", replyTopic));
        return id;
    }

    private static Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }
}
