package org.amicus.core.bulletin.entity;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a bulletin says, in one or more languages: the first is the original, the others its translations. Each
 * language appears once.
 */
public record BulletinContent(List<Translation> translations) {

    public static final int MAX_LANGUAGES = 30;

    public BulletinContent {
        if (translations == null || translations.isEmpty()) {
            throw new InvalidBulletinException("a bulletin has at least one language version (\"translations\")");
        }
        if (translations.size() > MAX_LANGUAGES) {
            throw new InvalidBulletinException("a bulletin has at most " + MAX_LANGUAGES + " language versions");
        }
        Set<LanguageTag> seen = new HashSet<>();
        for (Translation t : translations) {
            if (!seen.add(t.language())) {
                throw new InvalidBulletinException("the language " + t.language() + " is given twice");
            }
        }
        translations = List.copyOf(translations);
    }

    /** The original version. */
    public Translation original() {
        return translations.get(0);
    }

    /** The version in {@code language}, if there is one. */
    public Optional<Translation> in(LanguageTag language) {
        return translations.stream().filter(t -> t.language().equals(language)).findFirst();
    }

    /**
     * The version a reader who prefers {@code preferred} (in order) gets: the first of them the bulletin has, else
     * one in the same language without region or script, else the original.
     */
    public Translation forReader(List<LanguageTag> preferred) {
        for (LanguageTag p : preferred) {
            Optional<Translation> exact = in(p);
            if (exact.isPresent()) {
                return exact.get();
            }
            String language = p.locale().getLanguage();
            Optional<Translation> same = translations.stream()
                    .filter(t -> t.language().locale().getLanguage().equals(language))
                    .findFirst();
            if (same.isPresent()) {
                return same.get();
            }
        }
        return original();
    }
}
