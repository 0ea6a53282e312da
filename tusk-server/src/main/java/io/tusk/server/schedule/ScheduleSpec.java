package io.tusk.server.schedule;

import io.tusk.server.api.ApiException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a schedule fires, as entered (hourly at a minute, daily at a time, weekly on a day at a time, monthly on a
 * day at a time, or a cron expression) and as the six-field cron expression (seconds first) it is evaluated by,
 * in its own time zone: 03:00 Europe/Paris stays 03:00 across daylight saving changes.
 */
public record ScheduleSpec(String kind, String expression, String cron, ZoneId zone) {
    public static ScheduleSpec of(ScheduleRequest r) {
        if (r.kind() == null) {
            throw ApiException.badRequest("kind", "a schedule needs a kind: hourly, daily, weekly, monthly or cron");
        }
        ZoneId zone = zone(r.zone());
        String kind = r.kind().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "hourly" -> {
                int minute = r.minute() == null ? 0 : r.minute();
                if (minute < 0 || minute > 59) {
                    throw ApiException.badRequest("minute", "minute must be between 0 and 59 but is " + minute);
                }
                yield new ScheduleSpec(kind, "at minute " + minute, "0 " + minute + " * * * *", zone);
            }
            case "daily" -> {
                LocalTime t = time(r.time());
                yield new ScheduleSpec(kind, "at " + t, "0 " + t.getMinute() + " " + t.getHour() + " * * *", zone);
            }
            case "weekly" -> {
                LocalTime t = time(r.time());
                DayOfWeek day = dayOfWeek(r.dayOfWeek());
                yield new ScheduleSpec(kind, day + " at " + t, "0 " + t.getMinute() + " " + t.getHour() + " * * "
                        + day.name().substring(0, 3), zone);
            }
            case "monthly" -> {
                LocalTime t = time(r.time());
                int day = r.dayOfMonth() == null ? 1 : r.dayOfMonth();
                // days 29-31 do not exist in every month: a schedule on them would silently skip months
                if (day != -1 && (day < 1 || day > 28)) {
                    throw ApiException.badRequest("dayOfMonth", "dayOfMonth must be 1 to 28, or -1 for the last day of the month, but is " + day);
                }
                String dayField = day == -1 ? "L" : Integer.toString(day);
                yield new ScheduleSpec(kind, (day == -1 ? "last day" : "day " + day) + " at " + t,
                        "0 " + t.getMinute() + " " + t.getHour() + " " + dayField + " * *", zone);
            }
            case "cron" -> {
                String expr = r.cron() == null ? "" : r.cron().trim();
                String[] fields = expr.split("\\s+");
                if (fields.length != 5 && fields.length != 6) {
                    throw ApiException.badRequest("cron", "a cron expression has 5 fields (minute hour day-of-month month day-of-week)"
                            + " or 6 (seconds first) but \"" + expr + "\" has " + (expr.isEmpty() ? 0 : fields.length));
                }
                String six = fields.length == 5 ? "0 " + expr : expr;
                try {
                    CronExpression.parse(six);
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("cron", "invalid cron expression \"" + expr + "\": " + e.getMessage());
                }
                yield new ScheduleSpec(kind, expr, six, zone);
            }
            default -> throw ApiException.badRequest("kind", "unknown schedule kind \"" + r.kind() + "\": use hourly, daily, weekly, monthly or cron");
        };
    }

    /** The first firing strictly after {@code after}. */
    public Instant next(Instant after) {
        ZonedDateTime next = CronExpression.parse(cron).next(after.atZone(zone));
        return next == null ? null : next.toInstant();
    }

    public List<Instant> next(Instant after, int count) {
        List<Instant> times = new ArrayList<>();
        Instant t = after;
        for (int i = 0; i < count; i++) {
            t = next(t);
            if (t == null) {
                break;
            }
            times.add(t);
        }
        return times;
    }

    private static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            throw ApiException.badRequest("zone", "unknown time zone \"" + id + "\": use a region name such as Europe/Paris or UTC");
        }
    }

    private static LocalTime time(String text) {
        if (text == null) {
            throw ApiException.badRequest("time", "the schedule needs a time, as HH:MM");
        }
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("time", "time must be HH:MM (24-hour) but is \"" + text + "\"");
        }
    }

    private static DayOfWeek dayOfWeek(String text) {
        if (text == null) {
            throw ApiException.badRequest("dayOfWeek", "a weekly schedule needs dayOfWeek (MONDAY to SUNDAY)");
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equalsIgnoreCase(text) || d.name().substring(0, 3).equalsIgnoreCase(text)) {
                return d;
            }
        }
        throw ApiException.badRequest("dayOfWeek", "dayOfWeek must be MONDAY to SUNDAY but is \"" + text + "\"");
    }
}
