package io.tusk.notify;

import java.util.Locale;

/** Durations and sizes the way messages show them: "12.6 min", "50.0 MiB". */
final class Units {
    private Units() {
    }

    static String duration(double millis) {
        long seconds = Math.round(millis / 1000);
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60.0);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }

    static String size(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return unit == 0 ? Math.round(bytes) + " B" : String.format(Locale.ROOT, "%.1f %s", bytes, units[unit]);
    }
}
