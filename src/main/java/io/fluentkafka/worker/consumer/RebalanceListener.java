package io.fluentkafka.worker.consumer;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;

/**
 * Follows the group's rebalances. An assigned partition is tracked from its last commit, so the records that commit
 * names as finished are skipped. A revoked partition starts nothing more; its running commands get the grace period
 * to finish (less if the worker is stopping meanwhile, see {@link StopSignal}), then what finished is committed and
 * the rest is left to the next owner. A lost partition is given up at once, without a commit. Runs on the poll
 * thread, inside {@code poll()} or {@code close()}.
 */
final class RebalanceListener implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(RebalanceListener.class);

    private final Consumer<?, ?> consumer;
    private final AssignedOffsets offsets;
    private final OffsetCommitter committer;
    private final KeyOrderedDispatcher dispatcher;
    private final PartitionPauser pauser;
    private final StopSignal stop;

    RebalanceListener(Consumer<?, ?> consumer, AssignedOffsets offsets, OffsetCommitter committer, KeyOrderedDispatcher dispatcher,
                      PartitionPauser pauser, StopSignal stop) {
        this.consumer = consumer;
        this.offsets = offsets;
        this.committer = committer;
        this.dispatcher = dispatcher;
        this.pauser = pauser;
        this.stop = stop;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        int toSkip = offsets.assign(partitions, committer.lastCommits(partitions));
        pauser.assigned(consumer, partitions);
        LOG.info("assigned {}; {} records above the committed offsets already finished and will be skipped", partitions, toSkip);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        KeyOrderedDispatcher.Revoked revoked = dispatcher.revoke(partitions);
        boolean finishedInTime = stop.awaitWithinGracePeriod(revoked.lastFinished()); // while stopping, until the drain ends
        dispatcher.abandon(partitions);
        committer.commit(partitions, true);
        offsets.forget(partitions);
        LOG.info("revoked {}{}{}", partitions,
                revoked.dropped() > 0 ? "; " + revoked.dropped() + " commands not started are left to the next owner" : "",
                finishedInTime ? "" : "; commands still running after " + stop.gracePeriod() + " will be processed again");
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        dispatcher.abandon(partitions);
        offsets.forget(partitions);
        LOG.warn("lost {} without committing; their unfinished commands will be processed again", partitions);
    }
}
