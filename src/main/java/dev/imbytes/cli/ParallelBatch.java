package dev.imbytes.cli;

import dev.imbytes.cli.files.AtomicFiles;
import dev.imbytes.internal.nativelib.Threads;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a folder batch's conversions on a pool of daemon workers and hands each record, on the
 * calling thread, to a sink as it completes. On JVM shutdown (Ctrl-C) it stops handing out work,
 * deletes the temporaries still being written, and holds the shutdown (up to 5 s) until the
 * caller's closing step, such as printing the summary, has run.
 */
final class ParallelBatch {
    private ParallelBatch() {
    }

    /**
     * Runs {@code tasks} on {@code threads} workers, then {@code closing} with whether the run was
     * interrupted before every task finished. The shutdown hook waits for {@code closing}: if it
     * ran after the hook let go, the JVM would already be gone.
     *
     * @return whether the run was interrupted
     */
    static boolean run(List<Callable<Outcome>> tasks, int threads, AtomicFiles files, Consumer<Outcome> sink,
                       Consumer<Boolean> closing) throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        Threads.Restore openCvThreads = Threads.forWorkers(threads); // the workers already fill the cores
        Thread hook = new Thread(() -> {
            cancelled.set(true);
            pool.shutdownNow();
            files.deleteInFlight();
            try {
                finished.await(5, TimeUnit.SECONDS); // let the main thread print the summary
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "imbytes-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ExecutorCompletionService<Outcome> done = new ExecutorCompletionService<>(pool);
            for (Callable<Outcome> task : tasks) {
                done.submit(task);
            }
            int completed = 0;
            while (completed < tasks.size() && !cancelled.get()) {
                Future<Outcome> f = done.poll(200, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                completed++;
                sink.accept(f.get());
            }
            pool.shutdownNow();
            closing.accept(cancelled.get());
            return cancelled.get();
        } finally {
            pool.shutdownNow();
            openCvThreads.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for us and exits
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "imbytes-worker");
            t.setDaemon(true);
            return t;
        };
    }
}
