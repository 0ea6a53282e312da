package io.tusk.server.schedule;

/**
 * A schedule as entered: {@code kind} hourly ({@code minute}), daily ({@code time} HH:MM), weekly ({@code dayOfWeek},
 * {@code time}), monthly ({@code dayOfMonth}, {@code time}) or cron ({@code cron}, 5 or 6 fields), in {@code zone}.
 */
public record ScheduleRequest(Long databaseId, String kind, Integer minute, String time, String dayOfWeek,
                              Integer dayOfMonth, String cron, String zone, Boolean enabled) {
}
