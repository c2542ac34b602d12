package org.amicus.messaging.envelope;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/**
 * Where the operator's passphrase comes from: a file readable by the node's user only, or the
 * environment variable {@value #ENVIRONMENT_VARIABLE}. Never a command-line argument (visible to every
 * local user) and never a default.
 */
public final class Passphrases {

    public static final String ENVIRONMENT_VARIABLE = "AMICUS_PASSPHRASE";

    private Passphrases() {}

    /**
     * Reads a passphrase file (UTF-8; one trailing line break is not part of the passphrase).
     *
     * @throws KeyProtectionException when the file is readable by other users, or is not UTF-8
     */
    public static char[] readFile(Path file) throws IOException, KeyProtectionException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw new KeyProtectionException(
                        KeyProtectionException.Reason.UNREADABLE,
                        "the passphrase file " + file + " is readable by other users: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the operator guide asks for a private directory
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\n') {
                end--;
                if (end > 0 && bytes[end - 1] == '\r') {
                    end--;
                }
            }
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end));
            char[] passphrase = new char[chars.remaining()];
            chars.get(passphrase);
            Arrays.fill(chars.array(), '\0');
            return passphrase;
        } catch (CharacterCodingException e) {
            throw new KeyProtectionException(
                    KeyProtectionException.Reason.UNREADABLE, "the passphrase file " + file + " is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The passphrase from the environment, or null when the variable is not set. */
    public static char[] fromEnvironment() {
        String value = System.getenv(ENVIRONMENT_VARIABLE);
        return value == null ? null : value.toCharArray();
    }
}
