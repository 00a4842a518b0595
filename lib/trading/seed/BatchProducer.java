package trading.seed;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Generates and encodes the next batch on a thread of its own while the previous one is
 * being copied into the database, so the client's work hides behind the server's.
 * Exactly two batches exist, one being filled and one being sent: memory stays the same
 * whatever the count.
 */
final class BatchProducer implements AutoCloseable {
    /** A filled batch, or the end of the stream (both null), or the generator's failure. */
    private record Item(CopyBatch batch, RuntimeException failure) { }

    private static final Item END = new Item(null, null);

    private final BlockingQueue<CopyBatch> free = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<Item> filled = new ArrayBlockingQueue<>(2);
    private final Thread thread;

    BatchProducer(SyntheticRecommendations source, long count, int batchSize) {
        free.add(new CopyBatch());
        free.add(new CopyBatch());
        thread = new Thread(() -> produce(source, count, batchSize), "seed-generator");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next filled batch, or null when all {@code count} recommendations have been handed out. */
    CopyBatch next() {
        try {
            Item item = filled.take();
            if (item.failure() != null) {
                throw item.failure();
            }
            return item.batch();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next batch", e);
        }
    }

    /** Gives a sent batch back to be filled again. */
    void recycle(CopyBatch batch) {
        free.add(batch);
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void produce(SyntheticRecommendations source, long count, int batchSize) {
        try {
            try {
                for (long remaining = count; remaining > 0; ) {
                    CopyBatch batch = free.take();
                    batch.clear();
                    long size = Math.min(batchSize, remaining);
                    for (long i = 0; i < size; i++) {
                        batch.add(source.next());
                    }
                    remaining -= size;
                    filled.put(new Item(batch, null));
                }
                filled.put(END);
            } catch (RuntimeException e) {
                filled.put(new Item(null, e));
            }
        } catch (InterruptedException e) {
            // close() was called: the loader stopped early and wants nothing more.
        }
    }
}
