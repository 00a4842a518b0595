package trading.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * A PostgreSQL server address parsed from any of the URL forms people paste:
 * {@code postgresql://}, {@code postgres://} and {@code jdbc:postgresql://}.
 * User, password and database are percent-decoded; query parameters go to pgjdbc,
 * with libpq spellings such as {@code connect_timeout} translated.
 * The password never leaves this object except as a pgjdbc connection property.
 */
public record DatabaseUrl(String hosts, String database, String user, String password, Map<String, String> parameters) {

    private static final Map<String, String> LIBPQ_TO_PGJDBC = Map.of(
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName");

    public DatabaseUrl {
        parameters = Map.copyOf(parameters);
    }

    public static DatabaseUrl parse(String url) {
        String rest;
        if (url.startsWith("postgresql://")) {
            rest = url.substring("postgresql://".length());
        } else if (url.startsWith("postgres://")) {
            rest = url.substring("postgres://".length());
        } else if (url.startsWith("jdbc:postgresql://")) {
            rest = url.substring("jdbc:postgresql://".length());
        } else if (url.startsWith("jdbc:postgresql:")) {
            rest = "/" + url.substring("jdbc:postgresql:".length());
        } else {
            String shown = url.contains("://") ? url.substring(0, url.indexOf("://") + 3) + "..." : "that value";
            throw ToolkitException.usage("not a PostgreSQL URL: " + shown
                    + " Use postgresql://user:password@host:5432/dbname (postgres:// and jdbc:postgresql:// work too).");
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1)) : "";

        // The last '@' ends the user info, so an unencoded '@' in a password still works.
        String user = "";
        String password = null;
        int at = authority.lastIndexOf('@');
        String hosts = authority;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            hosts = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
        }

        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq >= 0 ? pair.substring(0, eq) : pair);
            String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                case "dbname" -> database = value;
                default -> parameters.put(LIBPQ_TO_PGJDBC.getOrDefault(key, key), value);
            }
        }
        return new DatabaseUrl(hosts, database, user, password, parameters);
    }

    public DatabaseUrl withPassword(String newPassword) {
        return new DatabaseUrl(hosts, database, user, newPassword, parameters);
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** The first host, for ~/.pgpass lookups; libpq's default when none is given. */
    public String firstHost() {
        String first = hosts.split(",")[0];
        if (first.startsWith("[")) {
            return first.substring(1, first.indexOf(']'));
        }
        int colon = first.lastIndexOf(':');
        String host = colon >= 0 ? first.substring(0, colon) : first;
        return host.isEmpty() ? "localhost" : host;
    }

    public String firstPort() {
        String first = hosts.split(",")[0];
        int colon = first.lastIndexOf(':');
        int bracket = first.lastIndexOf(']');
        return colon > bracket ? first.substring(colon + 1) : "5432";
    }

    /** The JDBC URL without credentials; they travel in {@link #connectionProperties()}. */
    public String jdbcUrl() {
        String hostPart = hosts.isEmpty() ? "localhost" : hosts;
        return "jdbc:postgresql://" + hostPart + "/" + encode(database);
    }

    public Properties connectionProperties() {
        Properties properties = new Properties();
        properties.putAll(parameters);
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /** The URL as it may be shown: {@code postgresql://user:***@host:5432/db}. */
    public String masked() {
        StringBuilder out = new StringBuilder("postgresql://");
        if (!user.isEmpty()) {
            out.append(encode(user));
            if (password != null) {
                out.append(":***");
            }
            out.append('@');
        }
        out.append(hosts).append('/').append(encode(database));
        if (!parameters.isEmpty()) {
            StringJoiner query = new StringJoiner("&", "?", "");
            parameters.forEach((k, v) -> query.add(k + "=" + encode(v)));
            out.append(query);
        }
        return out.toString();
    }

    /** Any text with this URL's password (plain or percent-encoded) replaced by {@code ***}. */
    public String scrub(String text) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "***").replace(encode(password), "***");
    }

    @Override
    public String toString() {
        return masked();
    }

    /** Percent-decoding as in URLs, but '+' stays '+' and a stray '%' stays literal. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
