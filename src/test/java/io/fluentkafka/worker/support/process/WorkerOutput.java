package io.fluentkafka.worker.support.process;

import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the workers published for one process test (its replies and dead letters, read as they come), and where the
 * test produced each command ({@code positions}, by command id, filled by the test). Close the reader when done.
 */
public record WorkerOutput(TopicReader reader, String prefix, Map<String, RecordMetadata> positions) {

    /** Starts reading the reply and dead-letter topics of {@code prefix}. */
    public static WorkerOutput read(String bootstrapServers, String prefix) {
        TopicReader reader = new TopicReader(bootstrapServers, Pattern.compile(Pattern.quote(prefix) + "\\.(replies|.*\\.dlt)"));
        return new WorkerOutput(reader, prefix, new HashMap<>());
    }

    /** Where the command {@code commandId} was produced, if the test recorded it. */
    public RecordMetadata sent(String commandId) {
        return positions.get(commandId);
    }

    public List<Reply> replies() {
        return reader.records(prefix + ".replies").stream().map(r -> RunningWorker.decode(r.value())).toList();
    }

    public Map<String, List<Reply>> repliesByCommand() {
        return replies().stream().collect(Collectors.groupingBy(Reply::getCommandId));
    }

    public List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        return reader.records().stream().filter(r -> r.topic().endsWith(".dlt")).toList();
    }
}
