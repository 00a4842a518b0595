package trading.view;

/**
 * How many terminal columns text takes, so tables line up with CJK and emoji in them:
 * East Asian Wide and Fullwidth characters and emoji take 2 columns, combining marks and
 * zero-width characters 0, everything else 1. Counted per code point, so a surrogate pair
 * is one character. Control characters count 0; tables escape them before measuring
 * ({@link TerminalText}). The rules are in docs/schema-and-output.md.
 */
final class DisplayWidth {
    /** Code point ranges, inclusive, that take two columns; sorted, for a binary search. */
    private static final int[][] WIDE = {
        {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0},
        {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F},
        {0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
        {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
        {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728},
        {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
        {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
        {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
        {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
        {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4}, {0x17000, 0x18AFF}, {0x1B000, 0x1B2FF},
        {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
        {0x1F200, 0x1F251}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB},
        {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };

    private DisplayWidth() {}

    /** The columns {@code text} takes on a terminal. */
    static int of(String text) {
        int columns = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            columns += of(cp);
            i += Character.charCount(cp);
        }
        return columns;
    }

    /** The columns one code point takes: 0, 1 or 2. */
    static int of(int cp) {
        if (cp < 0x7F) {
            return cp >= 0x20 ? 1 : 0;
        }
        if (cp <= 0x9F || isZeroWidth(cp)) {
            return 0;
        }
        return isWide(cp) ? 2 : 1;
    }

    /**
     * Where to cut {@code text} so the part before takes at most {@code columns}: a char
     * index that never falls inside a surrogate pair, and that keeps zero-width marks
     * with the character they belong to.
     */
    static int fit(String text, int columns) {
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int width = of(cp);
            if (used + width > columns) {
                break;
            }
            used += width;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** {@code text} padded with spaces to {@code columns}, on the right. */
    static String pad(String text, int columns) {
        return text + " ".repeat(Math.max(0, columns - of(text)));
    }

    private static boolean isZeroWidth(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || (cp >= 0x1160 && cp <= 0x11FF) // Hangul medial vowels and final consonants join the syllable before
                || cp == 0x200B;
    }

    private static boolean isWide(int cp) {
        int low = 0;
        int high = WIDE.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (cp < WIDE[mid][0]) {
                high = mid - 1;
            } else if (cp > WIDE[mid][1]) {
                low = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
