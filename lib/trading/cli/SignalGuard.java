package trading.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM ({@code docker stop}) while a command changes the database: the JVM
 * runs shutdown hooks on both, so the hook asks the core to cancel, then waits until the
 * command has rolled back, released its lock and printed what was and was not applied
 * ({@link Cli#execute} says when). Only then does the JVM exit (130 or 143).
 */
public final class SignalGuard {
    /** Long enough for a cancel and a rollback; a server that does not answer must not hold the exit forever. */
    private static final long WAIT_SECONDS = 30;
    private static volatile SignalGuard active;

    private final Thread hook;
    private final CountDownLatch printed = new CountDownLatch(1);

    private SignalGuard(Runnable cancel) {
        hook = new Thread(() -> {
            cancel.run();
            try {
                printed.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "trading-db signal");
    }

    /** Calls {@code cancel} on SIGINT or SIGTERM until the command has finished and printed its outcome. */
    public static void cancelOnSignal(Runnable cancel) {
        SignalGuard guard = new SignalGuard(cancel);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        active = guard;
    }

    /** The command's outcome is printed: a signal that came in may now end the process. */
    static void outcomePrinted() {
        SignalGuard guard = active;
        active = null;
        if (guard != null) {
            guard.printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(guard.hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook is running and now returns.
            }
        }
    }
}
