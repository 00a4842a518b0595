package trading.sqlfile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum of a migration: SHA-256 (hex) of its text after dropping a UTF-8 BOM and
 * turning CRLF and CR into LF, so that a checkout on Windows (git's autocrlf) or an editor
 * that adds a BOM never makes an applied file read as modified.
 */
public final class Checksum {
    private Checksum() {}

    /** The text as it is checksummed and run: no BOM, LF line endings. */
    public static String normalize(String text) {
        String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return withoutBom.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The checksum of already normalized text. */
    public static String of(String normalizedText) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(normalizedText.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The first 12 hex digits, enough to tell two checksums apart in a message. */
    public static String shortForm(String checksum) {
        return checksum == null ? "none" : checksum.substring(0, Math.min(12, checksum.length()));
    }
}
