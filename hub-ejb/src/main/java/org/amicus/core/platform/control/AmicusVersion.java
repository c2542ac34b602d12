package org.amicus.core.platform.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, written into the jar by Maven. */
public final class AmicusVersion {

    private static final String VERSION = load();

    private AmicusVersion() {}

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = AmicusVersion.class.getResourceAsStream("amicus-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
