package io.tusk.server.web;

import io.tusk.server.retention.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.StringJoiner;
import org.springframework.stereotype.Component;

/** How the pages show sizes, times and durations; templates call it as {@code @fmt}. */
@Component("fmt")
public class WebFormat {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    public String bytes(long n) {
        double v = n;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return unit == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    public String time(Instant t) {
        return time(t, ZoneId.of("UTC"));
    }

    public String time(Instant t, ZoneId zone) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    public String timeIn(Instant t, String zone) {
        return time(t, ZoneId.of(zone));
    }

    public String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    /** "3 min ago", "in 2 h". */
    public String relative(Instant t) {
        if (t == null) {
            return "";
        }
        Duration d = Duration.between(t, Instant.now());
        boolean past = !d.isNegative();
        String span = span(d.abs());
        return past ? span + " ago" : "in " + span;
    }

    public String duration(Instant start, Instant end) {
        if (start == null || end == null) {
            return "";
        }
        return exact(Duration.between(start, end));
    }

    public String seconds(Long s) {
        return s == null ? "unknown" : exact(Duration.ofSeconds(s));
    }

    static String exact(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    private static String span(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 86_400) {
            return (s / 3600) + " h";
        }
        return (s / 86_400) + " d";
    }

    /** "keeps the last 10, daily 7, weekly 4", or "keeps every backup". */
    public String retention(RetentionPolicy p) {
        if (p == null || p.keepsAll()) {
            return "keeps every backup";
        }
        StringJoiner rules = new StringJoiner(", ", "keeps ", "");
        add(rules, "the last ", p.keepLast(), "");
        add(rules, "", p.keepDays(), " days");
        add(rules, "hourly ", p.hourly(), "");
        add(rules, "daily ", p.daily(), "");
        add(rules, "weekly ", p.weekly(), "");
        add(rules, "monthly ", p.monthly(), "");
        add(rules, "yearly ", p.yearly(), "");
        return rules.toString();
    }

    private static void add(StringJoiner rules, String before, Integer value, String after) {
        if (value != null) {
            rules.add(before + value + after);
        }
    }

    public int percent(long done, long estimated) {
        if (estimated <= 0) {
            return 0;
        }
        return (int) Math.min(100, done * 100 / estimated);
    }
}
