package trading.seed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for NULL, backslash
 * escapes), written straight into a reusable byte buffer. Building the bytes by hand
 * instead of through Strings keeps the seeder's own CPU cost well below the server's.
 */
final class CopyText {
    /** PostgreSQL reads COPY data in messages; this keeps each one moderate. */
    private static final int MESSAGE_BYTES = 1 << 16;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[MESSAGE_BYTES];
    private int size;
    private boolean rowStart = true;
    private final StringBuilder scratch = new StringBuilder(32);

    int size() {
        return size;
    }

    void clear() {
        size = 0;
        rowStart = true;
    }

    CopyText text(String value) {
        if (value == null) {
            return nul();
        }
        separate();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> put2('\\', '\\');
                case '\n' -> put2('\\', 'n');
                case '\r' -> put2('\\', 'r');
                case '\t' -> put2('\\', 't');
                default -> {
                    if (c < 0x80) {
                        put((byte) c);
                    } else {
                        int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                        utf8(value.substring(i, end));
                        i = end - 1;
                    }
                }
            }
        }
        return this;
    }

    /** An exact decimal of {@code unscaled} units of 10^-scale. */
    CopyText decimal(long unscaled, int scale) {
        separate();
        scratch.setLength(0);
        FixedPoint.append(scratch, unscaled, scale);
        ascii(scratch);
        return this;
    }

    CopyText integer(long value) {
        separate();
        scratch.setLength(0);
        ascii(scratch.append(value));
        return this;
    }

    CopyText integerOrNull(Integer value) {
        return value == null ? nul() : integer(value);
    }

    CopyText nul() {
        separate();
        put2('\\', 'N');
        return this;
    }

    CopyText uuid(UUID id) {
        separate();
        ensure(36);
        hex(id.getMostSignificantBits() >>> 32, 8);
        put((byte) '-');
        hex(id.getMostSignificantBits() >>> 16, 4);
        put((byte) '-');
        hex(id.getMostSignificantBits(), 4);
        put((byte) '-');
        hex(id.getLeastSignificantBits() >>> 48, 4);
        put((byte) '-');
        hex(id.getLeastSignificantBits(), 12);
        return this;
    }

    /** A timestamptz in UTC, to the second: {@code 2026-11-28 13:45:12+00}. */
    CopyText timestamp(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        separate();
        date(t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        put((byte) ' ');
        digits(t.getHour(), 2);
        put((byte) ':');
        digits(t.getMinute(), 2);
        put((byte) ':');
        digits(t.getSecond(), 2);
        put((byte) '+');
        digits(0, 2);
        return this;
    }

    CopyText date(LocalDate date) {
        separate();
        date(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        return this;
    }

    void endRow() {
        put((byte) '\n');
        rowStart = true;
    }

    /** Sends the buffer as COPY data, a moderate message at a time. */
    void sendTo(CopyIn copy) throws SQLException {
        for (int offset = 0; offset < size; offset += MESSAGE_BYTES) {
            copy.writeToCopy(bytes, offset, Math.min(MESSAGE_BYTES, size - offset));
        }
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    private void separate() {
        if (!rowStart) {
            put((byte) '\t');
        }
        rowStart = false;
    }

    private void date(int year, int month, int day) {
        digits(year, 4);
        put((byte) '-');
        digits(month, 2);
        put((byte) '-');
        digits(day, 2);
    }

    private void digits(int value, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            bytes[size + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += width;
    }

    private void hex(long value, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            bytes[size + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        size += width;
    }

    private void ascii(CharSequence text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    private void utf8(String text) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, size, encoded.length);
        size += encoded.length;
    }

    private void put(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    private void put2(char a, char b) {
        ensure(2);
        bytes[size++] = (byte) a;
        bytes[size++] = (byte) b;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
