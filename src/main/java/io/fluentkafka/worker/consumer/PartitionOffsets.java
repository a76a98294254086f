package io.fluentkafka.worker.consumer;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The commands of one partition that were taken and have not finished. The offset safe to commit is the lowest
 * unfinished one, or, when all finished, the one after the last taken. Thread-safe: commands finish on any
 * thread while the poll loop takes and commits.
 */
final class PartitionOffsets {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long next = -1;
    private long committed = -1;

    synchronized void taken(long offset) {
        unfinished.add(offset);
        next = Math.max(next, offset + 1);
    }

    synchronized void finished(long offset) {
        unfinished.remove(offset);
    }

    /** The offset to commit next, if it moved since the last commit: below it, every taken command finished. */
    synchronized OptionalLong toCommit() {
        long safe = unfinished.isEmpty() ? next : unfinished.first();
        return safe > committed ? OptionalLong.of(safe) : OptionalLong.empty();
    }

    synchronized void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    synchronized int unfinished() {
        return unfinished.size();
    }
}
