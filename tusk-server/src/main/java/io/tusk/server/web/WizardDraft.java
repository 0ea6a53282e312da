package io.tusk.server.web;

import io.tusk.server.api.ApiException;
import io.tusk.server.database.DatabaseRequest;
import io.tusk.server.retention.RetentionPolicy;
import io.tusk.server.schedule.ScheduleRequest;
import io.tusk.server.schedule.ScheduleSpec;
import java.io.Serializable;

/**
 * The new-database wizard's answers so far, kept in the HTTP session between its steps (the password with them:
 * it is saved encrypted only at the last step, and the session ends it).
 */
public final class WizardDraft implements Serializable {
    static final String SESSION_KEY = "tusk.wizard";

    public String name = "";
    public String host = "127.0.0.1";
    public String port = "5432";
    public String database = "";
    public String user = "postgres";
    public String password = "";
    public String sslmode = "prefer";
    public String serverVersion;
    public boolean connectionDone;

    public Long storageId;

    public String kind = "daily";
    public String minute = "0";
    public String time = "03:00";
    public String dayOfWeek = "SUNDAY";
    public String dayOfMonth = "1";
    public String cron = "0 3 * * *";
    public String zone = "UTC";
    public boolean scheduleDone;

    public String compression = "zstd";
    public boolean encrypted = true;
    public String keepLast = "";
    public String keepDays = "";
    public String daily = "7";
    public String weekly = "4";
    public String monthly = "6";

    public boolean scheduled() {
        return !"none".equals(kind);
    }

    /** The schedule as the server words it ("daily at 03:00"), or none. */
    public String scheduleText() {
        if (!scheduled()) {
            return "none: runs on demand";
        }
        try {
            ScheduleSpec spec = ScheduleSpec.of(schedule(null));
            return spec.kind() + " " + spec.expression() + " (" + spec.zone() + ")";
        } catch (ApiException e) {
            return kind + " (" + e.getMessage() + ")";
        }
    }

    ScheduleRequest schedule(Long databaseId) {
        return new ScheduleRequest(databaseId, kind, Forms.integer(minute, "minute"), time, dayOfWeek,
                Forms.integer(dayOfMonth, "dayOfMonth"), cron, zone, true);
    }

    RetentionPolicy retention() {
        return new RetentionPolicy(Forms.integer(keepLast, "retention.keepLast"), Forms.integer(keepDays, "retention.keepDays"),
                null, Forms.integer(daily, "retention.daily"), Forms.integer(weekly, "retention.weekly"),
                Forms.integer(monthly, "retention.monthly"), null).validated();
    }

    DatabaseRequest request(long workspaceId) {
        return new DatabaseRequest(name.trim(), host.trim(), Forms.integer(port, "port"), database.trim(), user.trim(),
                password, sslmode, null, storageId, compression, encrypted, null, retention(), workspaceId);
    }
}
