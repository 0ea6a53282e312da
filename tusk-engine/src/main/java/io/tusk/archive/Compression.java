package io.tusk.archive;

import java.util.Locale;

/**
 * A compression algorithm and level, as pg_dump's {@code -Z} takes it.
 *
 * @param algorithm    the codec
 * @param level        the level, or -1 for the codec's default
 * @param longDistance zstd's long-distance matching ({@code -Z zstd:long}, pg_dump 16+)
 */
public record Compression(Algorithm algorithm, int level, boolean longDistance) {
    public static final Compression NONE = new Compression(Algorithm.NONE, 0);
    /** pg_dump's default for custom and directory archives: gzip at zlib's default level. */
    public static final Compression GZIP_DEFAULT = new Compression(Algorithm.GZIP, -1);

    public enum Algorithm { NONE, GZIP, LZ4, ZSTD }

    public Compression(Algorithm algorithm, int level) {
        this(algorithm, level, false);
    }

    public Compression {
        if (longDistance && algorithm != Algorithm.ZSTD) {
            throw new IllegalArgumentException("compression algorithm \"" + algorithm.name().toLowerCase(Locale.ROOT)
                    + "\" does not support long-distance mode (only zstd does)");
        }
    }

    public boolean isNone() {
        return algorithm == Algorithm.NONE;
    }

    /**
     * Parses {@code -Z}: a level 0-9 (0 none, else gzip) or {@code gzip|lz4|zstd|none[:detail]}, where detail is a
     * level or, as in pg_dump 16+, a comma-separated list of {@code level=N} and (zstd) {@code long[=on|off]}.
     */
    public static Compression parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.matches("\\d+")) {
            int level = Integer.parseInt(s);
            if (level > 9) {
                throw new IllegalArgumentException("compression level must be in range 0..9: " + spec);
            }
            return level == 0 ? NONE : new Compression(Algorithm.GZIP, level);
        }
        String name = s;
        int level = -1;
        boolean longDistance = false;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            name = s.substring(0, colon);
            String detail = s.substring(colon + 1);
            if (detail.matches("-?\\d+")) {
                level = Integer.parseInt(detail);
            } else {
                for (String option : detail.split(",")) {
                    String key = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
                    String value = option.contains("=") ? option.substring(option.indexOf('=') + 1) : null;
                    switch (key.trim()) {
                        case "level" -> {
                            try {
                                level = Integer.parseInt(value == null ? "" : value.trim());
                            } catch (NumberFormatException e) {
                                throw new IllegalArgumentException("invalid compression specification \"" + spec
                                        + "\": level must be a number");
                            }
                        }
                        case "long" -> longDistance = value == null || value.trim().matches("on|true|yes|1");
                        default -> throw new IllegalArgumentException("invalid compression specification \"" + spec
                                + "\": unknown option \"" + key.trim() + "\" (use level=N or, for zstd, long)");
                    }
                }
            }
        }
        Algorithm algorithm = switch (name) {
            case "none" -> Algorithm.NONE;
            case "gzip" -> Algorithm.GZIP;
            case "lz4" -> Algorithm.LZ4;
            case "zstd" -> Algorithm.ZSTD;
            default -> throw new IllegalArgumentException("invalid compression method \"" + name + "\" (use gzip, lz4, zstd or none)");
        };
        if (algorithm == Algorithm.NONE) {
            return NONE;
        }
        if (algorithm == Algorithm.GZIP && (level > 9 || level < -1)) {
            throw new IllegalArgumentException("gzip compression level must be in range 1..9: " + spec);
        }
        if (algorithm == Algorithm.LZ4 && (level > 12 || level < -1)) {
            throw new IllegalArgumentException("lz4 compression level must be in range 1..12: " + spec);
        }
        if (algorithm == Algorithm.ZSTD && level > 22) {
            throw new IllegalArgumentException("zstd compression level must be at most 22: " + spec);
        }
        return new Compression(algorithm, level, longDistance);
    }
}
