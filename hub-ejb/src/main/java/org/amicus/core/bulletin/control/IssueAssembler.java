package org.amicus.core.bulletin.control;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amicus.core.bulletin.entity.BulletinContent;
import org.amicus.core.bulletin.entity.InvalidBulletinException;
import org.amicus.core.bulletin.entity.Translation;

/**
 * Assembles one issue of a recurring series from its template: each language version's title and text with the
 * placeholders filled in for the issue's date, in that language ({@code {{month}}} is "November" in English,
 * "نوفمبر" in Arabic).
 *
 * <ul>
 *   <li>{@code {{issue}}}: the issue's number in the series;
 *   <li>{@code {{date}}}: the publication date, written out;
 *   <li>{@code {{month}}}, {@code {{year}}}: the month's name and the year;
 *   <li>{@code {{week}}}: the ISO week number;
 *   <li>{@code {{period}}}: "November 2026" for a monthly series, "week 48, 2026" for a weekly one.
 * </ul>
 */
public final class IssueAssembler {

    static final List<String> PLACEHOLDERS = List.of("issue", "date", "month", "year", "week", "period");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z]+)\\s*}}");

    private IssueAssembler() {}

    /** @throws InvalidBulletinException naming a placeholder that does not exist */
    public static void check(BulletinContent template) {
        for (Translation t : template.translations()) {
            for (String text : new String[] {t.title(), t.body()}) {
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    if (!PLACEHOLDERS.contains(m.group(1))) {
                        throw new InvalidBulletinException("{{" + m.group(1) + "}} in the " + t.language()
                                + " version is not a placeholder: {{issue}}, {{date}}, {{month}}, {{year}},"
                                + " {{week}} or {{period}}");
                    }
                }
            }
        }
    }

    /** Issue {@code number} of a series, published at {@code at} (dates as in {@code zone}). */
    public static BulletinContent assemble(
            BulletinContent template, int number, Instant at, ZoneId zone, boolean weekly) {
        check(template);
        List<Translation> out = new ArrayList<>();
        for (Translation t : template.translations()) {
            var locale = t.language().locale();
            var date = at.atZone(zone);
            String month = DateTimeFormatter.ofPattern("LLLL", locale).format(date);
            String year = Integer.toString(date.getYear());
            String week = Integer.toString(date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            Map<String, String> values = Map.of(
                    "issue",
                    Integer.toString(number),
                    "date",
                    DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                            .withLocale(locale)
                            .format(date),
                    "month",
                    month,
                    "year",
                    year,
                    "week",
                    week,
                    "period",
                    weekly
                            ? DateTimeFormatter.ofPattern("'W'w YYYY", locale).format(date)
                            : DateTimeFormatter.ofPattern("LLLL yyyy", locale).format(date));
            out.add(new Translation(t.language(), fill(t.title(), values), fill(t.body(), values)));
        }
        return new BulletinContent(out);
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(b);
        return b.toString();
    }
}
