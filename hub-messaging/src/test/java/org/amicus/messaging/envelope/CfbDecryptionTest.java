package org.amicus.messaging.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** AES-CFB decryption a buffer at a time gives exactly what the JDK's CFB mode gives, however the bytes come. */
class CfbDecryptionTest {

    @Test
    void itDecryptsAsTheJdksCfbModeForAnyLengthAndAnyReadSizes() throws Exception {
        Random random = new Random(42);
        int[] lengths = {0, 1, 15, 16, 17, 31, 32, 65_535, 65_536, 65_537, 200_003, 1 << 20};
        for (int keyBytes : new int[] {16, 24, 32}) {
            byte[] key = new byte[keyBytes];
            random.nextBytes(key);
            for (int length : lengths) {
                byte[] plain = new byte[length];
                random.nextBytes(plain);
                Cipher jdk = Cipher.getInstance("AES/CFB/NoPadding");
                jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
                byte[] ciphertext = jdk.doFinal(plain);
                for (int piece : new int[] {1, 7, 16, 4096, 100_000}) {
                    InputStream trickling = new Trickling(ciphertext, piece, random.nextLong());
                    try (InputStream in = new CfbDecryption.Stream(trickling, key)) {
                        assertArrayEquals(
                                plain,
                                readInPieces(in, 1 + random.nextInt(70_000)),
                                "AES-" + keyBytes * 8 + ", " + length + " bytes, the source giving up to " + piece);
                    }
                }
            }
        }
    }

    private static byte[] readInPieces(InputStream in, int piece) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[piece];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** A source that hands out at most a random number of bytes up to {@code max} at a time, as a network does. */
    private static final class Trickling extends ByteArrayInputStream {
        private final int max;
        private final Random random;

        Trickling(byte[] bytes, int max, long seed) {
            super(bytes);
            this.max = max;
            this.random = new Random(seed);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(max)));
        }
    }
}
