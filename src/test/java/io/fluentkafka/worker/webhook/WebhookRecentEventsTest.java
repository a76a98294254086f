package io.fluentkafka.worker.webhook;

import io.fluentkafka.worker.time.ManualScheduler;
import io.fluentkafka.worker.webhook.RecentEvents.Claim;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookRecentEventsTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final RecentEvents recent = new RecentEvents(clock, Duration.ofMinutes(10), 3);

    @Test
    void aPublishedIdIsADuplicateUntilTheWindowHasPassed() {
        ((Claim.Mine) recent.claim("a")).published();

        assertThat(recent.claim("a")).isInstanceOf(Claim.Published.class);
        clock.advance(Duration.ofMinutes(9));
        assertThat(recent.claim("a")).isInstanceOf(Claim.Published.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(recent.claim("a")).isInstanceOf(Claim.Mine.class);
    }

    @Test
    void aFailedPublishLetsTheRetryThrough() {
        ((Claim.Mine) recent.claim("a")).failed();

        assertThat(recent.claim("a")).isInstanceOf(Claim.Mine.class);
    }

    @Test
    void aConcurrentClaimWaitsForThePublishInProgressAndSharesItsOutcome() {
        Claim.Mine first = (Claim.Mine) recent.claim("a");
        Claim second = recent.claim("a");
        Claim third = recent.claim("a");

        assertThat(second).isInstanceOf(Claim.Pending.class);
        assertThat(((Claim.Pending) second).outcome()).isNotDone();
        first.failed();
        assertThat(((Claim.Pending) second).outcome()).isCompletedWithValue(false);
        assertThat(((Claim.Pending) third).outcome()).isCompletedWithValue(false);

        Claim.Mine retry = (Claim.Mine) recent.claim("a");
        Claim.Pending waiting = (Claim.Pending) recent.claim("a");
        retry.published();
        assertThat(waiting.outcome()).isCompletedWithValue(true);
        assertThat(recent.claim("a")).isInstanceOf(Claim.Published.class);
    }

    @Test
    void forgetsTheOldestIdsBeyondItsCapacity() {
        for (String id : new String[] {"a", "b", "c", "d"}) {
            ((Claim.Mine) recent.claim(id)).published();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.claim("b")).isInstanceOf(Claim.Published.class);
        assertThat(recent.claim("a")).isInstanceOf(Claim.Mine.class);
    }

    @Test
    void aZeroWindowOrCapacityRemembersNothing() {
        RecentEvents off = new RecentEvents(clock, Duration.ZERO, 100);
        ((Claim.Mine) off.claim("a")).published();
        assertThat(off.claim("a")).isInstanceOf(Claim.Mine.class);
        RecentEvents none = new RecentEvents(clock, Duration.ofMinutes(1), 0);
        ((Claim.Mine) none.claim("a")).published();
        assertThat(none.claim("a")).isInstanceOf(Claim.Mine.class);
    }
}
