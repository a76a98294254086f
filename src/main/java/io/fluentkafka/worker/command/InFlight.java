package io.fluentkafka.worker.command;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A command's place among the commands in flight ({@code worker.max-in-flight}). A command that has to wait (a
 * retry back-off, its connection down) steps out for the wait, so that waiting holds up no command with another key.
 */
public interface InFlight {

    /**
     * Gives the place up until {@code wait} completes, then takes one again, ahead of commands not yet started. The
     * result fails with {@link CancellationException} if the command is abandoned meanwhile.
     */
    CompletableFuture<Void> stepOutUntil(CompletionStage<?> wait);

    /** True once the command's partition was taken away or the worker is stopping: its result would not be committed. */
    boolean abandoned();
}
