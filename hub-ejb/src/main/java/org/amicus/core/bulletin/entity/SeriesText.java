package org.amicus.core.bulletin.entity;

import java.util.Optional;

/** What of a series is sealed at rest: its name and description, and the template of a recurring series. */
public record SeriesText(String name, Optional<String> description, Optional<BulletinContent> template) {

    public SeriesText {
        name = name == null ? "" : name.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new InvalidBulletinException("a series has a name of at most 200 characters");
        }
        description = description == null
                ? Optional.empty()
                : description.map(String::strip).filter(s -> !s.isEmpty());
        if (description.isPresent() && description.get().length() > 2_000) {
            throw new InvalidBulletinException("a series' description has at most 2,000 characters");
        }
        template = template == null ? Optional.empty() : template;
    }

    @Override
    public String toString() {
        return "SeriesText[(not shown)]";
    }
}
