package io.fluentkafka.worker.support.process;

import io.fluentkafka.worker.support.RunningWorker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The topics of one process test: every command topic {@code <prefix>.<kind>}, its dead-letter topic and the reply topic. */
public record WorkerTopics(String prefix) {

    private static final String[] COMMANDS = RunningWorker.COMMANDS.split(",");

    public static WorkerTopics create(String bootstrapServers, String prefix, int partitions) {
        return create(bootstrapServers, prefix, partitions, Map.of());
    }

    /** As {@link #create(String, String, int)}, with other partition counts for some command topics. */
    public static WorkerTopics create(String bootstrapServers, String prefix, int partitions, Map<String, Integer> partitionsByCommand) {
        List<NewTopic> topics = new ArrayList<>();
        for (String command : COMMANDS) {
            int count = partitionsByCommand.getOrDefault(command, partitions);
            topics.add(new NewTopic(prefix + "." + command, count, (short) 1));
            topics.add(new NewTopic(prefix + "." + command + ".dlt", count, (short) 1));
        }
        topics.add(new NewTopic(prefix + ".replies", partitions, (short) 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics of " + prefix, e);
        }
        return new WorkerTopics(prefix);
    }

    public String of(String command) {
        return prefix + "." + command;
    }
}
