package io.fluentkafka.worker.messaging;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What a future failed with, without the wrappers that composing futures adds. */
final class Causes {

    private Causes() {
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
