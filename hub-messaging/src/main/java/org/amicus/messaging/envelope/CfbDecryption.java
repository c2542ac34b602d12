package org.amicus.messaging.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.bcpg.AEADEncDataPacket;
import org.bouncycastle.bcpg.SymmetricEncIntegrityPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.operator.PGPDataDecryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.SessionKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JceSessionKeyDataDecryptorFactoryBuilder;

/**
 * Decryption of OpenPGP integrity-protected data (SEIPD version 1: AES in CFB mode with a zero IV, then the MDC) by
 * the JDK's AES over whole buffers. In CFB decryption each block's key stream is the encryption of the ciphertext
 * block before it, all of which are known, so a buffer of ciphertext is decrypted with one AES-ECB call (the JDK's
 * AES-NI intrinsic) and an XOR: about four times the JDK's own CFB mode, which goes block by block (ADR 20,
 * performance.md). Everything else (the MDC, other algorithms and packet versions) is Bouncy Castle's JCE
 * implementation, unchanged; encryption is inherently block by block and stays with it.
 */
final class CfbDecryption {

    private static final int BLOCK = 16;

    private CfbDecryption() {}

    /** A decryptor factory for {@code sessionKey}: this class for AES with an MDC, Bouncy Castle's for the rest. */
    static SessionKeyDataDecryptorFactory factory(PGPSessionKey sessionKey) {
        SessionKeyDataDecryptorFactory jce = new JceSessionKeyDataDecryptorFactoryBuilder().build(sessionKey);
        return new SessionKeyDataDecryptorFactory() {
            @Override
            public PGPSessionKey getSessionKey() {
                return jce.getSessionKey();
            }

            @Override
            public PGPDataDecryptor createDataDecryptor(boolean withIntegrityPacket, int algorithm, byte[] key)
                    throws PGPException {
                PGPDataDecryptor base = jce.createDataDecryptor(withIntegrityPacket, algorithm, key);
                if (!withIntegrityPacket
                        || (algorithm != SymmetricKeyAlgorithmTags.AES_128
                                && algorithm != SymmetricKeyAlgorithmTags.AES_192
                                && algorithm != SymmetricKeyAlgorithmTags.AES_256)) {
                    return base;
                }
                byte[] aesKey = key.clone();
                return new PGPDataDecryptor() {
                    @Override
                    public InputStream getInputStream(InputStream in) {
                        return new Stream(in, aesKey);
                    }

                    @Override
                    public int getBlockSize() {
                        return BLOCK;
                    }

                    @Override
                    public PGPDigestCalculator getIntegrityCalculator() {
                        return base.getIntegrityCalculator();
                    }
                };
            }

            @Override
            public PGPDataDecryptor createDataDecryptor(AEADEncDataPacket packet, PGPSessionKey key)
                    throws PGPException {
                return jce.createDataDecryptor(packet, key);
            }

            @Override
            public PGPDataDecryptor createDataDecryptor(SymmetricEncIntegrityPacket packet, PGPSessionKey key)
                    throws PGPException {
                return jce.createDataDecryptor(packet, key);
            }
        };
    }

    /** The plaintext of AES-CFB ciphertext (zero IV, no padding; a last block may be short), a buffer at a time. */
    static final class Stream extends RefillingInputStream {
        private static final int CHUNK = 64 * 1024;

        private final InputStream in;
        private final Cipher ecb;
        /** Ciphertext read and not yet decrypted, from index 0. */
        private final byte[] ciphertext = new byte[CHUNK];
        /** The key stream's inputs: the block before, then all but the last of the ciphertext blocks. */
        private final byte[] feed = new byte[CHUNK];

        private final byte[] plaintext = new byte[CHUNK];
        /** The last ciphertext block decrypted (the IV, zeros, at first). */
        private final byte[] previous = new byte[BLOCK];

        private int pending;
        private boolean eof;

        Stream(InputStream in, byte[] key) {
            this.in = in;
            try {
                this.ecb = Cipher.getInstance("AES/ECB/NoPadding");
                this.ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES is not available: " + e.getMessage(), e);
            }
        }

        /** Reads ciphertext until at least one whole block (or the end) is there and decrypts what is whole. */
        @Override
        protected boolean refill() throws IOException {
            while (!eof && pending < BLOCK) {
                int n = in.read(ciphertext, pending, CHUNK - pending);
                if (n < 0) {
                    eof = true;
                } else {
                    pending += n;
                }
            }
            int n = eof ? pending : pending - pending % BLOCK; // a short block only at the end
            if (n == 0) {
                return false;
            }
            int blocks = (n + BLOCK - 1) / BLOCK;
            System.arraycopy(previous, 0, feed, 0, BLOCK);
            System.arraycopy(ciphertext, 0, feed, BLOCK, (blocks - 1) * BLOCK);
            try {
                ecb.update(feed, 0, blocks * BLOCK, plaintext, 0);
            } catch (GeneralSecurityException e) {
                throw new IOException("AES failed: " + e.getMessage(), e);
            }
            for (int i = 0; i < n; i++) {
                plaintext[i] ^= ciphertext[i];
            }
            if (n % BLOCK == 0) {
                System.arraycopy(ciphertext, n - BLOCK, previous, 0, BLOCK);
            }
            System.arraycopy(ciphertext, n, ciphertext, 0, pending - n);
            pending -= n;
            hand(plaintext, n);
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
