package org.amicus.messaging.federation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hand-over of a large message's body from the broker client's threads to the reader that opens the file. */
class BodyPipeTest {

    @Test
    void aBodyPassesWholeAndInOrderThroughAFewChunksAndEndsWhereTheWriterEndsIt() throws Exception {
        byte[] body = new byte[24 * 1024 * 1024 + 13];
        new Random(7).nextBytes(body);
        BodyPipe pipe = new BodyPipe(Duration.ofSeconds(10));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                Random sizes = new Random(11);
                for (int at = 0; at < body.length; ) {
                    int n = Math.min(body.length - at, 1 + sizes.nextInt(200 * 1024));
                    pipe.write(body, at, n);
                    at += n;
                }
                pipe.finish();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        InputStream in = pipe.input();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            read.update(buffer, 0, n);
            total += n;
        }
        writer.get(10, TimeUnit.SECONDS);
        assertEquals(body.length, total);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(body), read.digest());
        assertEquals(-1, in.read(), "the end stays the end");
        assertFalse(pipe.broken());
    }

    @Test
    void aBodyThatStopsArrivingIsAnErrorNotAnEndAndNotAWaitForever() throws Exception {
        BodyPipe pipe = new BodyPipe(Duration.ofMillis(300));
        pipe.write(new byte[400], 0, 400);
        InputStream in = pipe.input();
        assertEquals(400, in.readNBytes(new byte[400], 0, 400));
        IOException e = assertThrows(IOException.class, () -> in.read(new byte[100]));
        assertTrue(e.getMessage().contains("after 400 bytes"), e.getMessage());
        assertTrue(pipe.broken(), "cut short, not the sender's fault");
    }

    @Test
    void aDeliveryThatFailsIsAnErrorForTheReaderNotAnEnd() throws Exception {
        BodyPipe pipe = new BodyPipe(Duration.ofSeconds(10));
        pipe.write(new byte[400], 0, 400);
        pipe.fail(new IllegalStateException("connection to the broker lost"));
        InputStream in = pipe.input();
        assertEquals(400, in.readNBytes(new byte[400], 0, 400));
        IOException e = assertThrows(IOException.class, () -> in.read(new byte[100]));
        assertTrue(e.getMessage().contains("connection to the broker lost"), e.getMessage());
        assertTrue(pipe.broken());
    }

    @Test
    void aWriterAheadOfAReaderThatGaveUpFailsInsteadOfWaiting() throws Exception {
        BodyPipe pipe = new BodyPipe(Duration.ofSeconds(10));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                while (true) {
                    pipe.write(new byte[64 * 1024], 0, 64 * 1024); // more than the pipe holds
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(300);
        pipe.abandon();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> writer.get(10, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("stopped"), failed.toString());
    }

    @Test
    void drainingReadsWhatIsLeftSoTheWriterCanFinish() throws Exception {
        byte[] body = new byte[5 * 1024 * 1024];
        BodyPipe pipe = new BodyPipe(Duration.ofSeconds(10));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int at = 0; at < body.length; at += 100 * 1024) {
                    pipe.write(body, at, Math.min(100 * 1024, body.length - at));
                }
                pipe.finish();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        InputStream in = pipe.input();
        in.readNBytes(1000); // a refusal after the first bytes
        pipe.drain(in);
        writer.get(10, TimeUnit.SECONDS);
        assertEquals(-1, in.read());
    }
}
