package io.fluentkafka.worker.consumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;

import java.util.BitSet;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The commands of one partition that were taken and have not finished. The offset safe to commit is the lowest
 * record not known to be finished; the records above it that did finish travel in the commit's metadata
 * ({@link CommitMetadata}). Finished means finished here, or named as finished by the commit this owner started
 * from: those inherited records stay named in every commit until the committed offset passes them, even while
 * this owner has not fetched them yet, so that a partition moving again (a rebalance, a crash) repeats none of
 * them. Thread-safe: commands finish on any thread while the poll loop takes and commits.
 */
final class PartitionOffsets {

    private final TreeMap<Long, Long> unfinished = new TreeMap<>(); // offset -> record size in bytes
    private long unfinishedBytes;
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

    /** A record was taken from Kafka; {@code bytes} is what it holds while buffered (see {@link Job#size()}). */
    synchronized void taken(long offset, long bytes) {
        Long before = unfinished.put(offset, bytes);
        unfinishedBytes += bytes - (before == null ? 0 : before);
        next = Math.max(next, offset + 1);
        changes++;
    }

    synchronized void finished(long offset) {
        Long bytes = unfinished.remove(offset);
        unfinishedBytes -= bytes == null ? 0 : bytes;
        changes++;
    }

    /**
     * What to commit next, if anything was taken and something changed since the last commit: the safe offset and
     * what finished above it, inherited records included.
     */
    synchronized Optional<Commit> toCommit() {
        if (next < 0 || changes == committedChanges) {
            return Optional.empty();
        }
        long safe = safeOffset();
        long end = Math.min(Math.max(next, doneBase + doneBefore.length()), safe + CommitMetadata.MAX_RECORDS);
        return Optional.of(new Commit(new OffsetAndMetadata(safe, CommitMetadata.encode(finishedIn(safe, end))), changes));
    }

    /** The lowest unfinished record taken, else the next one not taken, past any the previous owner finished. */
    private long safeOffset() {
        long safe = unfinished.isEmpty() ? next : unfinished.firstKey();
        return finishedBefore(safe) ? doneBase + doneBefore.nextClearBit((int) (safe - doneBase)) : safe;
    }

    /** Which records of {@code [safe, end)} finished, relative to {@code safe}: taken and done here, or inherited. */
    private BitSet finishedIn(long safe, long end) {
        BitSet finished = new BitSet();
        long takenEnd = Math.min(next, end);
        if (takenEnd > safe) {
            finished.set(0, (int) (takenEnd - safe));
            unfinished.subMap(safe, true, takenEnd, false).keySet().forEach(offset -> finished.clear((int) (offset - safe)));
        }
        long inheritedFrom = Math.max(Math.max(safe, next), doneBase);
        if (inheritedFrom < doneBase + doneBefore.length()) {
            for (int bit = doneBefore.nextSetBit((int) (inheritedFrom - doneBase)); bit >= 0 && doneBase + bit < end;
                 bit = doneBefore.nextSetBit(bit + 1)) {
                finished.set((int) (doneBase + bit - safe));
            }
        }
        return finished;
    }

    synchronized void committed(Commit commit) {
        committedChanges = Math.max(committedChanges, commit.changes());
    }

    synchronized int unfinished() {
        return unfinished.size();
    }

    /** The bytes of the unfinished records. */
    synchronized long unfinishedBytes() {
        return unfinishedBytes;
    }

    /** An offset to commit, and the state it describes. */
    record Commit(OffsetAndMetadata offset, long changes) {
    }
}
