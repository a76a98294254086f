package io.fluentkafka.worker.consumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;

import java.util.BitSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The commands of one partition that were taken and have not finished. The offset safe to commit is the lowest
 * unfinished one, or, when all finished, the one after the last taken; the records above it that did finish
 * travel in the commit's metadata ({@link CommitMetadata}). Thread-safe: commands finish on any thread while
 * the poll loop takes and commits.
 */
final class PartitionOffsets {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private final long doneBase;
    private final BitSet doneBefore;
    private long next = -1;
    private long changes;
    private long committedChanges = -1;

    /** A partition with nothing known about it. */
    PartitionOffsets() {
        this(null);
    }

    /** A partition whose last commit (possibly by another worker) may say which records above it finished. */
    PartitionOffsets(OffsetAndMetadata lastCommit) {
        this.doneBase = lastCommit == null ? 0 : lastCommit.offset();
        this.doneBefore = lastCommit == null ? new BitSet() : CommitMetadata.decode(lastCommit.metadata());
    }

    /** How many records above the last commit it says already finished. */
    synchronized int finishedBeforeCount() {
        return doneBefore.cardinality();
    }

    /** Whether the last commit says this record already finished: it is then counted as finished at once. */
    synchronized boolean finishedBefore(long offset) {
        return offset >= doneBase && offset - doneBase < Integer.MAX_VALUE && doneBefore.get((int) (offset - doneBase));
    }

    synchronized void taken(long offset) {
        unfinished.add(offset);
        next = Math.max(next, offset + 1);
        changes++;
    }

    synchronized void finished(long offset) {
        unfinished.remove(offset);
        changes++;
    }

    /** What to commit next, if anything changed since the last commit: the safe offset and what finished above it. */
    synchronized Optional<Commit> toCommit() {
        if (next < 0 || changes == committedChanges) {
            return Optional.empty();
        }
        long safe = unfinished.isEmpty() ? next : unfinished.first();
        return Optional.of(new Commit(new OffsetAndMetadata(safe, CommitMetadata.encode(safe, next, unfinished)), changes));
    }

    synchronized void committed(Commit commit) {
        committedChanges = Math.max(committedChanges, commit.changes());
    }

    synchronized int unfinished() {
        return unfinished.size();
    }

    /** An offset to commit, and the state it describes. */
    record Commit(OffsetAndMetadata offset, long changes) {
    }
}
