package io.tusk.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.server.api.ApiException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleSpecTest {
    private static ScheduleRequest request(String kind, Integer minute, String time, String dayOfWeek, Integer dayOfMonth, String cron, String zone) {
        return new ScheduleRequest(1L, kind, minute, time, dayOfWeek, dayOfMonth, cron, zone, true);
    }

    @Test
    void shouldRunDailyAtTheSameLocalTimeAcrossDaylightSavingChanges() {
        ScheduleSpec spec = ScheduleSpec.of(request("daily", null, "03:00", null, null, null, "Europe/Paris"));
        assertThat(spec.cron()).isEqualTo("0 0 3 * * *");
        // Paris leaves summer time on 2026-10-25: 03:00 local is 01:00Z before, 02:00Z after
        assertThat(spec.next(Instant.parse("2026-10-23T12:00:00Z"), 3)).containsExactly(
                Instant.parse("2026-10-24T01:00:00Z"), Instant.parse("2026-10-25T02:00:00Z"), Instant.parse("2026-10-26T02:00:00Z"));
    }

    @Test
    void shouldRunHourlyWeeklyAndMonthlyWhereTheyAreAsked() {
        ZoneId utc = ZoneId.of("UTC");
        assertThat(ScheduleSpec.of(request("hourly", 15, null, null, null, null, null)).next(Instant.parse("2026-01-01T10:20:00Z")))
                .isEqualTo(Instant.parse("2026-01-01T11:15:00Z"));
        ScheduleSpec weekly = ScheduleSpec.of(request("weekly", null, "22:30", "sunday", null, null, "UTC"));
        assertThat(weekly.zone()).isEqualTo(utc);
        assertThat(weekly.next(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(Instant.parse("2026-12-06T22:30:00Z"));
        assertThat(ScheduleSpec.of(request("monthly", null, "01:00", null, 15, null, "UTC")).next(Instant.parse("2026-12-20T00:00:00Z")))
                .isEqualTo(Instant.parse("2027-01-15T01:00:00Z"));
        assertThat(ScheduleSpec.of(request("monthly", null, "01:00", null, -1, null, "UTC")).next(Instant.parse("2027-02-02T00:00:00Z")))
                .isEqualTo(Instant.parse("2027-02-28T01:00:00Z"));
    }

    @Test
    void shouldTakeFiveAndSixFieldCronExpressions() {
        assertThat(ScheduleSpec.of(request("cron", null, null, null, null, "30 4 * * 1-5", "UTC")).cron()).isEqualTo("0 30 4 * * 1-5");
        assertThat(ScheduleSpec.of(request("cron", null, null, null, null, "*/10 * * * * *", "UTC")).next(Instant.parse("2026-01-01T00:00:01Z")))
                .isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
    }

    @Test
    void shouldRejectBadInputNamingTheFieldToFix() {
        assertField(() -> ScheduleSpec.of(request("cron", null, null, null, null, "61 * * * *", "UTC")), "cron", "invalid cron expression \"61 * * * *\"");
        assertField(() -> ScheduleSpec.of(request("cron", null, null, null, null, "* * *", "UTC")), "cron", "has 3");
        assertField(() -> ScheduleSpec.of(request("daily", null, "03:00", null, null, null, "Mars/Olympus")), "zone", "unknown time zone \"Mars/Olympus\"");
        assertField(() -> ScheduleSpec.of(request("daily", null, "25:00", null, null, null, null)), "time", "HH:MM");
        assertField(() -> ScheduleSpec.of(request("weekly", null, "03:00", "funday", null, null, null)), "dayOfWeek", "MONDAY to SUNDAY");
        assertField(() -> ScheduleSpec.of(request("monthly", null, "03:00", null, 31, null, null)), "dayOfMonth", "-1 for the last day");
        assertField(() -> ScheduleSpec.of(request("hourly", 60, null, null, null, null, null)), "minute", "between 0 and 59");
        assertField(() -> ScheduleSpec.of(request("sometimes", null, null, null, null, null, null)), "kind", "hourly, daily, weekly, monthly or cron");
    }

    private static void assertField(Runnable call, String field, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
