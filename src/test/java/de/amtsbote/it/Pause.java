package de.amtsbote.it;

import java.time.Duration;

/** A wait in test code that turns an interrupt into a failure (and keeps the thread's interrupt flag). */
final class Pause {

    private Pause() {
    }

    /** Waits this long; a negative duration does not wait. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
