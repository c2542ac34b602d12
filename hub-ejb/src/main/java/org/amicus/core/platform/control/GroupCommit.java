package org.amicus.core.platform.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Group commit: threads that each have one item to commit hand it in; one of them at a time (the committer)
 * takes every item waiting, up to {@code max}, and commits them together in one transaction, while the others
 * wait for their own item's result. Under load the waiting items pile up during a commit and go together in the
 * next, so one disk sync serves many; alone, an item goes by itself at once. If a group fails, each of its items
 * is committed alone, so one bad item fails only its own caller. Each caller returns only once its own item has
 * committed (or failed), exactly as if it had committed alone.
 *
 * @param <I> an item
 * @param <O> its result
 */
public final class GroupCommit<I, O> {

    private record Slot<I, O>(I item, CompletableFuture<O> result) {}

    private final int max;
    private final Function<List<I>, List<O>> together;
    private final Function<I, O> alone;
    private final ConcurrentLinkedQueue<Slot<I, O>> waiting = new ConcurrentLinkedQueue<>();
    private final Object monitor = new Object();
    private boolean committing;

    /**
     * @param max the most items one group holds
     * @param together commits a group in one transaction and returns each item's result in order, or throws (then
     *     nothing of the group committed)
     * @param alone commits one item in a transaction of its own
     */
    public GroupCommit(int max, Function<List<I>, List<O>> together, Function<I, O> alone) {
        if (max < 1) {
            throw new IllegalArgumentException("a group holds at least one item");
        }
        this.max = max;
        this.together = together;
        this.alone = alone;
    }

    /** Commits {@code item}, with whatever else is waiting; returns its result or throws what it threw. */
    public O commit(I item) {
        Slot<I, O> mine = new Slot<>(item, new CompletableFuture<>());
        waiting.add(mine);
        while (!mine.result().isDone()) {
            boolean lead;
            synchronized (monitor) {
                lead = !committing;
                if (lead) {
                    committing = true;
                } else {
                    // a group is being committed: wait for it (ours may be in it), then look again
                    try {
                        monitor.wait(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            if (lead) {
                try {
                    List<Slot<I, O>> group = new ArrayList<>(Math.min(max, 64));
                    Slot<I, O> next;
                    while (group.size() < max && (next = waiting.poll()) != null) {
                        group.add(next);
                    }
                    run(group);
                } finally {
                    synchronized (monitor) {
                        committing = false;
                        monitor.notifyAll();
                    }
                }
            }
        }
        try {
            return mine.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private void run(List<Slot<I, O>> group) {
        if (group.isEmpty()) {
            return;
        }
        if (group.size() > 1) {
            List<O> results;
            try {
                results = together.apply(group.stream().map(Slot::item).toList());
            } catch (RuntimeException e) {
                results = null; // one of them is bad: each alone, so that only its own caller fails
            }
            if (results != null && results.size() == group.size()) {
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).result().complete(results.get(i));
                }
                return;
            }
        }
        for (Slot<I, O> s : group) {
            try {
                s.result().complete(alone.apply(s.item()));
            } catch (RuntimeException | Error e) {
                s.result().completeExceptionally(e);
            }
        }
    }
}
