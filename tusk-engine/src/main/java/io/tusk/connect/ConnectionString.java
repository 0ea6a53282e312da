package io.tusk.connect;

import io.tusk.TuskException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a libpq connection string, either a URI ({@code postgresql://user:pw@host:5432/db?sslmode=require}) or
 * key/value conninfo ({@code host=db1 dbname='my db'}), into keyword/value pairs, with libpq's rules from
 * {@code conninfo_uri_parse_options} and {@code conninfo_parse} in src/interfaces/libpq/fe-connect.c.
 */
final class ConnectionString {
    private static final String[] URI_PREFIXES = {"postgresql://", "postgres://"};

    private ConnectionString() {
    }

    /** libpq's {@code recognized_connection_string}: a URI, or anything with an '='. */
    static boolean isConnectionString(String value) {
        return uriPrefixLength(value) > 0 || value.indexOf('=') >= 0;
    }

    /** Keyword/value pairs in the order given; a later duplicate keyword wins, as in libpq. */
    static Map<String, String> parse(String connectionString) {
        Map<String, String> values = uriPrefixLength(connectionString) > 0
                ? parseUri(connectionString)
                : parseKeyValue(connectionString);
        values.keySet().forEach(Keyword::requireSupported);
        return values;
    }

    private static int uriPrefixLength(String value) {
        for (String prefix : URI_PREFIXES) {
            if (value.startsWith(prefix)) {
                return prefix.length();
            }
        }
        return 0;
    }

    static Map<String, String> parseKeyValue(String conninfo) {
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        int n = conninfo.length();
        while (true) {
            i = skipSpace(conninfo, i);
            if (i >= n) {
                return values;
            }
            int keyStart = i;
            while (i < n && conninfo.charAt(i) != '=' && !Character.isWhitespace(conninfo.charAt(i))) {
                i++;
            }
            String key = conninfo.substring(keyStart, i);
            i = skipSpace(conninfo, i);
            if (i >= n || conninfo.charAt(i) != '=') {
                throw new TuskException("missing \"=\" after \"" + key + "\" in connection info string");
            }
            i = skipSpace(conninfo, i + 1);
            StringBuilder value = new StringBuilder();
            if (i < n && conninfo.charAt(i) == '\'') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new TuskException("unterminated quoted string in connection info string");
                    }
                    char c = conninfo.charAt(i++);
                    if (c == '\'') {
                        break;
                    }
                    if (c == '\\' && i < n) {
                        c = conninfo.charAt(i++);
                    }
                    value.append(c);
                }
            } else {
                while (i < n && !Character.isWhitespace(conninfo.charAt(i))) {
                    char c = conninfo.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = conninfo.charAt(i++);
                    }
                    value.append(c);
                }
            }
            values.put(key, value.toString());
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static Map<String, String> parseUri(String uri) {
        Map<String, String> values = new LinkedHashMap<>();
        int i = uriPrefixLength(uri);
        int n = uri.length();

        int credentialsEnd = i;
        while (credentialsEnd < n && uri.charAt(credentialsEnd) != '@' && uri.charAt(credentialsEnd) != '/') {
            credentialsEnd++;
        }
        if (credentialsEnd < n && uri.charAt(credentialsEnd) == '@') {
            String credentials = uri.substring(i, credentialsEnd);
            int colon = credentials.indexOf(':');
            putDecoded(values, "user", colon < 0 ? credentials : credentials.substring(0, colon), uri);
            if (colon >= 0) {
                putDecoded(values, "password", credentials.substring(colon + 1), uri);
            }
            i = credentialsEnd + 1;
        }

        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        while (true) {
            String host;
            if (i < n && uri.charAt(i) == '[') {
                int close = uri.indexOf(']', i);
                if (close < 0) {
                    throw new TuskException("end of string reached when looking for matching \"]\" in IPv6 host address in URI: \""
                            + uri + "\"");
                }
                if (close == i + 1) {
                    throw new TuskException("IPv6 host address may not be empty in URI: \"" + uri + "\"");
                }
                host = uri.substring(i + 1, close);
                i = close + 1;
                if (i < n && ":/?,".indexOf(uri.charAt(i)) < 0) {
                    throw new TuskException("unexpected character \"" + uri.charAt(i) + "\" at position " + (i + 1)
                            + " in URI (expected \":\" or \"/\"): \"" + uri + "\"");
                }
            } else {
                int start = i;
                while (i < n && ":/?,".indexOf(uri.charAt(i)) < 0) {
                    i++;
                }
                host = uri.substring(start, i);
            }
            hosts.append(host);
            if (i < n && uri.charAt(i) == ':') {
                int start = ++i;
                while (i < n && "/?,".indexOf(uri.charAt(i)) < 0) {
                    i++;
                }
                ports.append(uri, start, i);
            }
            if (i < n && uri.charAt(i) == ',') {
                hosts.append(',');
                ports.append(',');
                i++;
                continue;
            }
            break;
        }
        putDecoded(values, "host", hosts.toString(), uri);
        putDecoded(values, "port", ports.toString(), uri);

        if (i < n && uri.charAt(i) == '/') {
            int start = ++i;
            while (i < n && uri.charAt(i) != '?') {
                i++;
            }
            putDecoded(values, "dbname", uri.substring(start, i), uri);
        }
        if (i < n && uri.charAt(i) == '?') {
            parseQuery(uri.substring(i + 1), uri, values);
        }
        return values;
    }

    private static void parseQuery(String query, String uri, Map<String, String> values) {
        for (String parameter : query.split("&", -1)) {
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            if (eq < 0) {
                throw new TuskException("missing key/value separator \"=\" in URI query parameter: \"" + parameter + "\"");
            }
            if (parameter.indexOf('=', eq + 1) >= 0) {
                throw new TuskException("extra key/value separator \"=\" in URI query parameter: \"" + parameter + "\"");
            }
            String key = percentDecode(parameter.substring(0, eq), uri);
            String value = percentDecode(parameter.substring(eq + 1), uri);
            // libpq accepts the JDBC spelling ssl=true and takes it as sslmode=require
            if (key.equals("ssl") && value.equals("true")) {
                key = "sslmode";
                value = "require";
            }
            if (!Keyword.isLibpqKeyword(key)) {
                throw new TuskException("invalid URI query parameter: \"" + key + "\"");
            }
            values.put(key, value);
        }
    }

    /** Empty URI parts, like the host in {@code postgresql:///db}, leave the keyword unset. */
    private static void putDecoded(Map<String, String> values, String key, String encoded, String uri) {
        if (!encoded.isEmpty() && !encoded.chars().allMatch(c -> c == ',')) {
            values.put(key, percentDecode(encoded, uri));
        }
    }

    static String percentDecode(String encoded, String uri) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int hi = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(encoded.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw new TuskException("invalid percent-encoded token: \"" + encoded + "\" in URI \"" + uri + "\"");
            }
            if (hi == 0 && lo == 0) {
                throw new TuskException("forbidden value %00 in percent-encoded value: \"" + encoded + "\"");
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
