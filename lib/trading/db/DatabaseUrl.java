package trading.db;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import trading.failure.ToolkitException;

/**
 * A PostgreSQL server address parsed from any of the URL forms people paste:
 * {@code postgresql://}, {@code postgres://} and {@code jdbc:postgresql://}.
 * User, password and database are percent-decoded; query parameters go to pgjdbc,
 * with libpq spellings such as {@code connect_timeout} translated.
 * The password never leaves this object except as a pgjdbc connection property, and
 * neither does any other secret parameter ({@link #isSecretParameter}).
 */
public record DatabaseUrl(String hosts, String database, String user, String password, Map<String, String> parameters) {

    private static final Map<String, String> LIBPQ_TO_PGJDBC = Map.of(
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName");

    /** Words that make a parameter a secret, such as {@code sslpassword} or {@code token}. */
    private static final List<String> SECRET_WORDS = List.of("pass", "secret", "token", "key", "credential");
    /** Parameters with a secret word that name a file or a class, not a secret. */
    private static final Set<String> NOT_SECRET = Set.of("sslkey", "sslpasswordcallback");

    /** {@code scheme://user:password@}: the password is everything up to the last '@' before the host. */
    private static final Pattern URL_PASSWORD =
            Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#@:]*:)[^\\s/?]*@");
    /** {@code name=value} at the start of a text, after a space, a quote, '?', '&' or ';'. */
    private static final Pattern PARAMETER = Pattern.compile("(^|[\\s?&;'\"])([A-Za-z_][A-Za-z0-9_.-]*)=([^\\s&;'\"]*)");

    public DatabaseUrl {
        // Kept in the order given, so a masked URL reads like the one the user wrote.
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
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
            parameters.forEach((k, v) -> query.add(k + "=" + (isSecretParameter(k) ? "***" : encode(v))));
            out.append(query);
        }
        return out.toString();
    }

    /**
     * Any text with this URL's password and secret parameters (plain or percent-encoded)
     * replaced by {@code ***}, and any other URL's credentials too ({@link #maskCredentials}).
     */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (String secret : secrets()) {
            scrubbed = scrubbed.replace(secret, "***").replace(encode(secret), "***");
        }
        return maskCredentials(scrubbed);
    }

    /** The password and the values of secret parameters, longest first so none is left half-replaced. */
    private List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        if (password != null && !password.isEmpty()) {
            secrets.add(password);
        }
        parameters.forEach((k, v) -> {
            if (isSecretParameter(k) && !v.isEmpty()) {
                secrets.add(v);
            }
        });
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return secrets;
    }

    /**
     * Whether a URL parameter holds a secret and is never shown: {@code password},
     * {@code sslpassword}, and any name containing pass, secret, token, key or credential,
     * except {@code sslkey} (a file name) and {@code sslpasswordcallback} (a class name).
     */
    public static boolean isSecretParameter(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !NOT_SECRET.contains(lower) && SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /**
     * Text with the credentials of every URL in it masked, whether or not it parses:
     * {@code scheme://user:secret@} becomes {@code scheme://user:***@}, and a secret
     * {@code name=value} ({@link #isSecretParameter}) becomes {@code name=***}. For
     * messages that may echo what a user typed, such as command-line errors.
     */
    public static String maskCredentials(String text) {
        if (text == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@"));
        Matcher m = PARAMETER.matcher(masked);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = isSecretParameter(m.group(2)) ? m.group(1) + m.group(2) + "=***" : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
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
