package org.amicus.core.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Group commit: every caller gets its own item's result, groups form under load, a bad item fails alone. */
class GroupCommitTest {

    @Test
    void manyCallersEachGetTheirOwnResultAndGroupsFormUnderLoad() throws Exception {
        List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
        Set<Integer> committed = ConcurrentHashMap.newKeySet();
        GroupCommit<Integer, String> gc = new GroupCommit<>(
                16,
                items -> {
                    groupSizes.add(items.size());
                    sleep(5); // a disk sync
                    committed.addAll(items);
                    return items.stream().map(i -> "done " + i).toList();
                },
                i -> {
                    groupSizes.add(1);
                    sleep(5);
                    committed.add(i);
                    return "done " + i;
                });
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                start.await();
                return gc.commit(n);
            }));
        }
        start.countDown();
        for (int i = 0; i < 600; i++) {
            assertEquals("done " + i, results.get(i).get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(600, committed.size());
        assertEquals(600, groupSizes.stream().mapToInt(Integer::intValue).sum(), "each item committed once");
        assertTrue(groupSizes.size() < 300, "groups formed: " + groupSizes.size() + " commits for 600 items");
        assertTrue(groupSizes.stream().allMatch(s -> s <= 16), "no group above its maximum");
    }

    @Test
    void aBadItemFailsOnlyItsOwnCaller() throws Exception {
        GroupCommit<Integer, Integer> gc = new GroupCommit<>(
                8,
                items -> {
                    sleep(2);
                    if (items.contains(13)) {
                        throw new IllegalStateException("the group rolls back");
                    }
                    return items;
                },
                i -> {
                    if (i == 13) {
                        throw new IllegalArgumentException("thirteen is refused");
                    }
                    return i;
                });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            results.add(pool.submit(() -> gc.commit(n)));
        }
        for (int i = 0; i < 40; i++) {
            if (i == 13) {
                Future<Integer> bad = results.get(i);
                java.util.concurrent.ExecutionException e = assertThrows(
                        java.util.concurrent.ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof IllegalArgumentException, e.toString());
            } else {
                assertEquals(i, results.get(i).get(10, TimeUnit.SECONDS));
            }
        }
        pool.shutdown();
        assertThrows(IllegalArgumentException.class, () -> gc.commit(13), "alone, the caller sees its exception");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
