package io.fluentkafka.worker.webhook;

import io.fluentkafka.worker.time.Scheduler;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The event ids this pod published lately, so that Fluent's retries of a webhook it already has are answered without
 * publishing again. Per pod and in memory: another pod, or this one after a restart, publishes a repeat again.
 *
 * <p>Contract: {@link #claim} gives each id to one request at a time. An id is remembered as published only once its
 * publish succeeded ({@link Claim.Mine#published}); after {@link Claim.Mine#failed} the next claim gets it again, so a
 * retry of a failed publish goes through. A request that claims an id being published right now waits for that
 * publish instead of publishing a second copy. Remembered ids are forgotten after {@code window} (read from the
 * injected {@link Scheduler}'s monotonic clock), and the oldest first once there are {@code capacity} of them.
 * Thread-safe; one lock, held only for map updates.
 */
final class RecentEvents {

    /** What a request may do with an event id. */
    sealed interface Claim {
        /** Published within the window: answer 200, publish nothing. */
        record Published() implements Claim {
        }

        /** Another request is publishing it: its outcome (true: published) is this one's. */
        record Pending(CompletableFuture<Boolean> outcome) implements Claim {
        }

        /** This request publishes it, then calls exactly one of {@link #published} and {@link #failed}. */
        final class Mine implements Claim {
            private final RecentEvents owner;
            private final String id;
            private final CompletableFuture<Boolean> outcome = new CompletableFuture<>();

            private Mine(RecentEvents owner, String id) {
                this.owner = owner;
                this.id = id;
            }

            void published() {
                owner.finish(id, true);
                outcome.complete(true);
            }

            void failed() {
                owner.finish(id, false);
                outcome.complete(false);
            }
        }
    }

    private final Scheduler scheduler;
    private final long windowNanos;
    private final int capacity;
    private final Map<String, Claim.Mine> inFlight = new HashMap<>();
    /** Id to the time it was published, oldest first. */
    private final LinkedHashMap<String, Long> published = new LinkedHashMap<>();

    RecentEvents(Scheduler scheduler, Duration window, int capacity) {
        this.scheduler = scheduler;
        this.windowNanos = window.toNanos();
        this.capacity = capacity;
    }

    synchronized Claim claim(String id) {
        forgetExpired();
        if (published.containsKey(id)) {
            return new Claim.Published();
        }
        Claim.Mine current = inFlight.get(id);
        if (current != null) {
            return new Claim.Pending(current.outcome);
        }
        Claim.Mine mine = new Claim.Mine(this, id);
        inFlight.put(id, mine);
        return mine;
    }

    synchronized int size() {
        forgetExpired();
        return published.size();
    }

    private synchronized void finish(String id, boolean succeeded) {
        inFlight.remove(id);
        if (succeeded && capacity > 0 && windowNanos > 0) {
            published.remove(id);
            published.put(id, scheduler.nanoTime());
            if (published.size() > capacity) {
                Iterator<String> oldest = published.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
    }

    private void forgetExpired() {
        long now = scheduler.nanoTime();
        Iterator<Long> oldest = published.values().iterator();
        while (oldest.hasNext() && now - oldest.next() >= windowNanos) {
            oldest.remove();
        }
    }
}
