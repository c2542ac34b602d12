package org.amicus.core.bulletin.entity;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;

/**
 * The language of one version of a bulletin, as a BCP 47 tag ({@code ar}, {@code fr}, {@code uk}, {@code ckb},
 * {@code ku-Arab}, {@code sr-Latn}): well formed, and naming a language the platform knows, so that a typo
 * ({@code en-UK} is fine, {@code eng-lish} is not) is refused instead of published. Knows which way its script runs.
 */
public record LanguageTag(String value) {

    /** Scripts written right to left (ISO 15924). */
    private static final Set<String> RTL_SCRIPTS =
            Set.of("Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand");

    /** Languages written right to left when their tag names no script. */
    private static final Set<String> RTL_LANGUAGES =
            Set.of("ar", "fa", "he", "ur", "ps", "ckb", "sd", "ug", "yi", "dv", "syr", "prs", "arc", "ks", "bal");

    public LanguageTag {
        if (value == null || value.isBlank()) {
            throw new InvalidBulletinException("a language tag is required (BCP 47, e.g. \"ar\", \"fr\", \"uk\")");
        }
        Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(value.strip()).build();
        } catch (IllformedLocaleException e) {
            throw new InvalidBulletinException(
                    "\"" + value + "\" is not a language tag (BCP 47, e.g. \"ar\", \"fr\"," + " \"pt-BR\")");
        }
        String language = locale.getLanguage();
        String name = locale.getDisplayLanguage(Locale.ENGLISH);
        if (language.isEmpty() || name.isEmpty() || name.equalsIgnoreCase(language)) {
            throw new InvalidBulletinException("unknown language tag \"" + value + "\": its language \"" + language
                    + "\" is not one this node knows (ISO 639)");
        }
        value = locale.toLanguageTag();
    }

    public Locale locale() {
        return Locale.forLanguageTag(value);
    }

    /** The language's name in English, e.g. {@code Arabic}. */
    public String name() {
        return locale().getDisplayLanguage(Locale.ENGLISH);
    }

    /** Whether text in this language runs right to left (Arabic, Persian, Hebrew, Urdu, Pashto, Sorani …). */
    public boolean rightToLeft() {
        Locale l = locale();
        if (!l.getScript().isEmpty()) {
            return RTL_SCRIPTS.contains(l.getScript());
        }
        return RTL_LANGUAGES.contains(l.getLanguage());
    }

    /** {@code rtl} or {@code ltr}, as HTML's and Atom's {@code dir} take it. */
    public String direction() {
        return rightToLeft() ? "rtl" : "ltr";
    }

    @Override
    public String toString() {
        return value;
    }
}
