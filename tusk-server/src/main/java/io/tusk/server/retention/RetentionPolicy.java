package io.tusk.server.retention;

import io.tusk.server.api.ApiException;

/**
 * Which backups of a database to keep; a backup is kept when any rule keeps it, and the rules left null keep
 * nothing by themselves. All null keeps everything.
 *
 * @param keepLast the newest N backups
 * @param keepDays backups younger than D days
 * @param hourly   GFS: the newest backup of each of the H most recent hours that have one; likewise days, ISO
 *                 weeks (Monday first), months and years
 */
public record RetentionPolicy(Integer keepLast, Integer keepDays, Integer hourly, Integer daily, Integer weekly,
                              Integer monthly, Integer yearly) {
    public static final RetentionPolicy KEEP_ALL = new RetentionPolicy(null, null, null, null, null, null, null);

    public boolean keepsAll() {
        return keepLast == null && keepDays == null && hourly == null && daily == null && weekly == null
                && monthly == null && yearly == null;
    }

    public RetentionPolicy validated() {
        check("keepLast", keepLast);
        check("keepDays", keepDays);
        check("hourly", hourly);
        check("daily", daily);
        check("weekly", weekly);
        check("monthly", monthly);
        check("yearly", yearly);
        return this;
    }

    private static void check(String field, Integer value) {
        if (value != null && (value < 1 || value > 100_000)) {
            throw ApiException.badRequest("retention." + field, "retention " + field + " must be between 1 and 100000 (leave it out for no such rule) but is " + value);
        }
    }
}
