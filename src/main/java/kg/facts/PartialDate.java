package kg.facts;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date known to the year, month or day: 2018, 2018-06 or 2018-06-15. Stored as that ISO text, which sorts
 * correctly and keeps its precision; {@code --as-of} filters compare it with that in mind.
 */
public record PartialDate(String text) {

    private static final Pattern FORM = Pattern.compile("(\\d{4})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?");

    /** Parses a date, or explains what is wrong with it. */
    public static PartialDate parse(String raw) throws IllegalArgumentException {
        String s = raw.strip();
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad date `" + raw + "`: expected YYYY, YYYY-MM or YYYY-MM-DD");
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) == null) {
            return new PartialDate(m.group(1));
        }
        int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("impossible date `" + raw + "`: month " + month + " is not 1 to 12");
        }
        if (m.group(3) == null) {
            return new PartialDate(String.format("%04d-%02d", year, month));
        }
        int day = Integer.parseInt(m.group(3));
        try {
            return new PartialDate(LocalDate.of(year, month, day).toString());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("impossible date `" + raw + "`: " + monthName(month) + " " + year
                    + " has no day " + day);
        }
    }

    /** The first day the date can stand for (2018-06 → 2018-06-01). */
    public LocalDate earliest() {
        return switch (text.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1);
            case 7 -> LocalDate.parse(text + "-01");
            default -> LocalDate.parse(text);
        };
    }

    /** The last day the date can stand for (2018-06 → 2018-06-30). */
    public LocalDate latest() {
        return switch (text.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(text), 12, 31);
            case 7 -> LocalDate.parse(text + "-01").plusMonths(1).minusDays(1);
            default -> LocalDate.parse(text);
        };
    }

    private static String monthName(int month) {
        return java.time.Month.of(month).getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
    }

    @Override
    public String toString() {
        return text;
    }
}
