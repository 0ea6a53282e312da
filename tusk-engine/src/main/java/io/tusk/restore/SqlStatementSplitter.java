package io.tusk.restore;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a stream of SQL into whole statements, so that SQL data (INSERTs, large object writes) is executed as it is
 * read instead of being held in memory. Understands what can hide a semicolon: quoted strings ('', E'' with
 * backslash escapes), quoted identifiers, dollar quoting, and -- and nested block comments.
 */
final class SqlStatementSplitter {
    private final Reader in;
    private int pushedBack = -2;

    SqlStatementSplitter(java.io.InputStream sql) {
        this.in = new java.io.BufferedReader(new InputStreamReader(sql, StandardCharsets.UTF_8), 1 << 16);
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }

    /** The next statement with its terminating semicolon, or null at the end (trailing blanks are dropped). */
    String next() throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        int previous = ' ';
        while ((c = read()) != -1) {
            s.append((char) c);
            switch (c) {
                case ';' -> {
                    return s.toString();
                }
                case '\'' -> quoted(s, '\'', previous == 'E' || previous == 'e');
                case '"' -> quoted(s, '"', false);
                case '-' -> {
                    int d = read();
                    if (d == '-') {
                        s.append('-');
                        while ((d = read()) != -1 && d != '\n') {
                            s.append((char) d);
                        }
                        if (d == '\n') {
                            s.append('\n');
                        }
                    } else if (d != -1) {
                        unread(d);
                    }
                }
                case '/' -> {
                    int d = read();
                    if (d == '*') {
                        s.append('*');
                        blockComment(s);
                    } else if (d != -1) {
                        unread(d);
                    }
                }
                case '$' -> dollarQuoted(s, previous);
                default -> { }
            }
            previous = c;
        }
        return s.toString().isBlank() ? null : s.toString();
    }

    private void quoted(StringBuilder s, char quote, boolean backslashEscapes) throws IOException {
        int c;
        while ((c = read()) != -1) {
            s.append((char) c);
            if (backslashEscapes && c == '\\') {
                int d = read();
                if (d != -1) {
                    s.append((char) d);
                }
            } else if (c == quote) {
                int d = read();
                if (d == quote) {
                    s.append((char) d);
                } else {
                    if (d != -1) {
                        unread(d);
                    }
                    return;
                }
            }
        }
    }

    private void blockComment(StringBuilder s) throws IOException {
        int depth = 1;
        int previous = 0;
        int c;
        while (depth > 0 && (c = read()) != -1) {
            s.append((char) c);
            if (previous == '/' && c == '*') {
                depth++;
                c = 0;
            } else if (previous == '*' && c == '/') {
                depth--;
                c = 0;
            }
            previous = c;
        }
    }

    /** After a '$': a dollar quote is $tag$...$tag$ where tag is empty or an identifier not starting with a digit. */
    private void dollarQuoted(StringBuilder s, int previous) throws IOException {
        if (Character.isLetterOrDigit(previous) || previous == '_') {
            return; // part of an identifier or a parameter like $1
        }
        StringBuilder tag = new StringBuilder("$");
        int c;
        while ((c = read()) != -1 && (Character.isLetterOrDigit(c) || c == '_')) {
            tag.append((char) c);
        }
        if (c != '$' || (tag.length() > 1 && Character.isDigit(tag.charAt(1)))) {
            s.append(tag.substring(1));
            if (c != -1) {
                unread(c);
            }
            return;
        }
        tag.append('$');
        s.append(tag.substring(1));
        String end = tag.toString();
        StringBuilder body = new StringBuilder();
        while ((c = read()) != -1) {
            body.append((char) c);
            if (c == '$' && body.length() >= end.length() && body.substring(body.length() - end.length()).equals(end)) {
                break;
            }
        }
        s.append(body);
    }
}
