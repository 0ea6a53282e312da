package io.tusk.archive;

/**
 * A compression algorithm and level, as pg_dump's {@code -Z} takes it.
 *
 * @param algorithm the codec
 * @param level     the level, or -1 for the codec's default
 */
public record Compression(Algorithm algorithm, int level) {
    public static final Compression NONE = new Compression(Algorithm.NONE, 0);
    /** pg_dump's default for custom and directory archives: gzip at zlib's default level. */
    public static final Compression GZIP_DEFAULT = new Compression(Algorithm.GZIP, -1);

    public enum Algorithm { NONE, GZIP, LZ4, ZSTD }

    public boolean isNone() {
        return algorithm == Algorithm.NONE;
    }

    /**
     * Parses {@code -Z}: a level 0-9 (0 none, else gzip) or {@code gzip|lz4|zstd|none[:level]}.
     */
    public static Compression parse(String spec) {
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.matches("\\d+")) {
            int level = Integer.parseInt(s);
            if (level > 9) {
                throw new IllegalArgumentException("compression level must be in range 0..9: " + spec);
            }
            return level == 0 ? NONE : new Compression(Algorithm.GZIP, level);
        }
        String name = s;
        int level = -1;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            name = s.substring(0, colon);
            String detail = s.substring(colon + 1);
            if (detail.startsWith("level=")) {
                detail = detail.substring("level=".length());
            }
            try {
                level = Integer.parseInt(detail);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid compression specification \"" + spec + "\": level must be a number");
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
        if (algorithm == Algorithm.GZIP && level > 9) {
            throw new IllegalArgumentException("gzip compression level must be in range 1..9: " + spec);
        }
        return new Compression(algorithm, level);
    }
}
