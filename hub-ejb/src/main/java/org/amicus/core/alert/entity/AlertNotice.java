package org.amicus.core.alert.entity;

import java.util.List;
import java.util.Optional;

/**
 * An alert's words: its title, the region it concerns, what recipients should do, a description and indicators
 * they can check for. Kept sealed at rest and sent only inside the envelope.
 */
public record AlertNotice(
        String title,
        Optional<String> region,
        String action,
        Optional<String> description,
        List<Indicator> indicators) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_REGION = 200;
    public static final int MAX_TEXT = 20_000;
    public static final int MAX_INDICATORS = 200;

    public AlertNotice {
        title = title == null ? "" : title.strip();
        if (title.isEmpty()) {
            throw new InvalidAlertException("an alert needs a title");
        }
        if (title.length() > MAX_TITLE) {
            throw new InvalidAlertException("an alert's title has at most " + MAX_TITLE + " characters");
        }
        region = region == null ? Optional.empty() : region.map(String::strip).filter(s -> !s.isEmpty());
        if (region.isPresent() && region.get().length() > MAX_REGION) {
            throw new InvalidAlertException("an alert's region has at most " + MAX_REGION + " characters");
        }
        action = action == null ? "" : action.strip();
        if (action.isEmpty()) {
            throw new InvalidAlertException("an alert says what to do (\"action\")");
        }
        if (action.length() > MAX_TEXT) {
            throw new InvalidAlertException("\"action\" has at most " + MAX_TEXT + " characters");
        }
        description = description == null
                ? Optional.empty()
                : description.map(String::strip).filter(s -> !s.isEmpty());
        if (description.isPresent() && description.get().length() > MAX_TEXT) {
            throw new InvalidAlertException("\"description\" has at most " + MAX_TEXT + " characters");
        }
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        if (indicators.size() > MAX_INDICATORS) {
            throw new InvalidAlertException("an alert has at most " + MAX_INDICATORS + " indicators");
        }
    }

    @Override
    public String toString() {
        return "AlertNotice[(words not shown), " + indicators.size() + " indicator(s)]";
    }
}
