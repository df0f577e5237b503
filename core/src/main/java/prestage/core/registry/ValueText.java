package prestage.core.registry;

import prestage.core.OptionWords;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import prestage.core.BadInputException;

/**
 * Reads a value typed by a person ({@code registry set ... VALUE --type T}) into registry bytes.
 * Numbers take decimal or 0x hex, as reg.exe does; a REG_MULTI_SZ separates its strings with the two
 * characters {@code \0} (reg.exe's own convention) or with real NUL characters (what a recipe builds from a list);
 * REG_BINARY takes hex digits, optionally separated by spaces, commas or colons.
 */
public final class ValueText {
    private static final BigInteger DWORD_LIMIT = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger QWORD_LIMIT = BigInteger.ONE.shiftLeft(64);

    private ValueText() {
    }

    public static RegValue parse(String name, ValueType type, String text) {
        if (text == null) throw new BadInputException("no value given for " + type + ": give the data to write");
        return switch (type) {
            case REG_SZ -> RegValue.sz(name, noNul(text, type));
            case REG_EXPAND_SZ -> RegValue.expandSz(name, noNul(text, type));
            case REG_DWORD -> RegValue.dword(name, number(text, DWORD_LIMIT, type).intValue());
            case REG_QWORD -> RegValue.qword(name, number(text, QWORD_LIMIT, type).longValue());
            case REG_MULTI_SZ -> RegValue.multiSz(name, multi(text));
            case REG_BINARY -> RegValue.binary(name, hex(text));
            default -> throw new BadInputException(type + " values cannot be written by prestage");
        };
    }

    private static String noNul(String text, ValueType type) {
        if (text.indexOf('\0') >= 0) {
            throw new BadInputException(type + " value contains a NUL character, which would cut the string short; "
                    + "use REG_MULTI_SZ for a list of strings");
        }
        return text;
    }

    private static BigInteger number(String text, BigInteger limit, ValueType type) {
        String t = text.strip().replace("_", "");
        BigInteger n;
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                if (t.length() == 2) throw new NumberFormatException();
                n = new BigInteger(t.substring(2), 16);
            } else {
                if (!t.matches("[0-9]+")) throw new NumberFormatException();
                n = new BigInteger(t);
            }
        } catch (NumberFormatException e) {
            throw new BadInputException(type + " value '" + text + "' is not a number: give decimal digits or 0x followed by hex digits");
        }
        if (n.signum() < 0 || n.compareTo(limit) >= 0) {
            throw new BadInputException(type + " value '" + text + "' is out of range: a " + type + " holds 0 to "
                    + limit.subtract(BigInteger.ONE) + " (0x" + limit.subtract(BigInteger.ONE).toString(16) + ")"
                    + (type == ValueType.REG_DWORD ? "; use " + OptionWords.given("type", "REG_QWORD") + " for larger numbers" : ""));
        }
        return n;
    }

    /** Splits on real NULs when there are any (a recipe's list), else on the two characters backslash-zero. */
    static List<String> multi(String text) {
        String separator = text.indexOf('\0') >= 0 ? "\0" : "\\0";
        var out = new ArrayList<String>();
        if (text.isEmpty()) return out;
        int start = 0;
        while (true) {
            int at = text.indexOf(separator, start);
            String part = at < 0 ? text.substring(start) : text.substring(start, at);
            boolean last = at < 0;
            // a trailing separator (as reg.exe output shows) ends the list rather than adding an empty string
            if (part.isEmpty() && !(last && !out.isEmpty())) {
                throw new BadInputException("REG_MULTI_SZ value has an empty string in it (at string " + (out.size() + 1)
                        + "): the registry cannot store one, since an empty string ends the list");
            }
            if (!part.isEmpty()) out.add(part);
            if (last) return out;
            start = at + separator.length();
        }
    }

    static byte[] hex(String text) {
        String t = text.strip();
        if (t.regionMatches(true, 0, "hex:", 0, 4)) t = t.substring(4);
        String digits = t.replaceAll("[\\s,:]", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) digits = digits.substring(2);
        if (!digits.matches("[0-9A-Fa-f]*")) {
            throw new BadInputException("REG_BINARY value '" + text + "' is not hex: give pairs of hex digits such as '01 ff 2a'");
        }
        if (digits.length() % 2 != 0) {
            throw new BadInputException("REG_BINARY value '" + text + "' has an odd number of hex digits: each byte takes two");
        }
        return HexFormat.of().parseHex(digits);
    }
}
