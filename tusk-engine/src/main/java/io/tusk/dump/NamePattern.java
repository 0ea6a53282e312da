package io.tusk.dump;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A pg_dump object name pattern ({@code -t}, {@code -n}...), as psql's \d patterns: unquoted letters fold to lower
 * case, {@code *} and {@code ?} are wildcards, a dot separates schema from name, double quotes keep text literally
 * (a doubled quote inside them is one quote), other regular expression syntax outside quotes is passed through
 * ({@code [0-9]}, {@code a|b}), and the whole name must match.
 */
public final class NamePattern {
    /** Regular expression characters a pattern passes through outside double quotes: all but . * ? and $. */
    private static final String REGEX_SYNTAX = "|+()[]{}^\\";

    private final String text;
    private final Pattern schema;
    private final Pattern name;

    private NamePattern(String text, Pattern schema, Pattern name) {
        this.text = text;
        this.schema = schema;
        this.name = name;
    }

    /**
     * @param qualifiable false for schema patterns ({@code -n}), whose only part is the schema name
     */
    public static NamePattern parse(String text, boolean qualifiable) {
        StringBuilder current = new StringBuilder();
        java.util.List<String> parts = new java.util.ArrayList<>();
        boolean inQuotes = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (inQuotes && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    current.append(Pattern.quote("\""));
                    i++;
                } else {
                    inQuotes = !inQuotes;
                }
            } else if (!inQuotes && c == '.') {
                parts.add(current.toString());
                current.setLength(0);
            } else if (!inQuotes && c == '*') {
                current.append(".*");
            } else if (!inQuotes && c == '?') {
                current.append('.');
            } else if (!inQuotes && REGEX_SYNTAX.indexOf(c) >= 0) {
                // psql's patternToSQLRegex lets regular expression syntax through outside quotes ("film_[ac]*"),
                // quoting only $, which it always matches literally.
                current.append(c);
            } else {
                String s = inQuotes ? String.valueOf(c) : String.valueOf(c).toLowerCase(Locale.ROOT);
                current.append(Pattern.quote(s));
            }
        }
        parts.add(current.toString());
        parts.replaceAll(p -> "(?:" + p + ")");
        if (parts.size() > 3 || (!qualifiable && parts.size() > 2)) {
            throw new IllegalArgumentException("improper qualified name (too many dotted names): " + text);
        }
        // A leading database part (db.schema.name) is accepted and ignored, as pg_dump checks it against the current database.
        if (!qualifiable) {
            return new NamePattern(text, Pattern.compile(parts.get(parts.size() - 1), Pattern.DOTALL), null);
        }
        Pattern namePattern = Pattern.compile(parts.get(parts.size() - 1), Pattern.DOTALL);
        Pattern schemaPattern = parts.size() >= 2 ? Pattern.compile(parts.get(parts.size() - 2), Pattern.DOTALL) : null;
        return new NamePattern(text, schemaPattern, namePattern);
    }

    /** For a schema pattern: does the schema match. */
    public boolean matchesSchema(String schemaName) {
        return schema.matcher(schemaName).matches();
    }

    /**
     * For a qualified pattern: does schema.name match. An unqualified pattern matches names in any schema; pg_dump
     * restricts those to tables visible on the default search_path: public.
     */
    public boolean matches(String schemaName, String objectName) {
        if (schema == null) {
            return "public".equals(schemaName) && name.matcher(objectName).matches();
        }
        return schema.matcher(schemaName).matches() && name.matcher(objectName).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
