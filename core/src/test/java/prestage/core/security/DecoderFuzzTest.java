package prestage.core.security;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import prestage.core.BadInputException;

/**
 * Random mutations of valid inputs, with fixed seeds so a failure reproduces: every decoder must either accept
 * the input or reject it with a {@link SecurityFormatException} (bad input), never throw anything else or hang.
 */
class DecoderFuzzTest {
    private static final int ROUNDS = 10_000;
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static final List<byte[]> BLOBS = List.of(Vectors.MEDV_DACL_ONLY, Vectors.MEDV_WITH_OWNER,
            SelfRelativeDescriptor.encode(Sddl.parse("O:BAG:SYD:PAI(OA;CI;CR;bf967aba-0de6-11d0-a285-00aa003049e2;"
                    + "00299570-246d-11d0-a768-00aa006e0529;S-1-5-21-1-2-3-1001)(D;;FA;;;WD)S:(AU;SAFA;FA;;;WD)")));

    private static final List<String> TEXTS = List.of(Vectors.MEDV_SDDL,
            "O:BAG:SYD:PARAI(A;OICI;0x0012008d;;;AU)(A;OICIIOID;GA;;;CO)S:(AU;SA;FA;;;WD)",
            "*S-1-5-11:(OI)(CI)(RD,AD,REA,RA,RC,S) *S-1-5-18:(OI)(CI)F,*S-1-5-32-544:(OI)(CI)(DENY)(M,DC)",
            "C:\\MED-V Images NT AUTHORITY\\SYSTEM:(I)(OI)(CI)(F)\n                BUILTIN\\Users:(RX)",
            Vectors.seedListing());

    @Test
    void binaryDescriptorDecoder() {
        fuzzBytes(1, BLOBS, SelfRelativeDescriptor::decode);
    }

    @Test
    void ntaclXattrDecoder() {
        var blobs = BLOBS.stream().map(b -> NtAclXattr.encode(SelfRelativeDescriptor.decode(b))).toList();
        var v4 = HexFormat.of().parseHex("0400040000000200040002000100" + "00".repeat(64) + "706f7369785f61636c00"
                + "44c11f52887bdd01" + "00".repeat(64) + HexFormat.of().formatHex(Vectors.MEDV_WITH_OWNER));
        fuzzBytes(2, List.of(blobs.get(0), blobs.get(1), blobs.get(2), v4), NtAclXattr::decode);
    }

    @Test
    void textDecoders() {
        fuzzText(3, TEXTS, Sddl::parse);
        fuzzText(4, TEXTS, IcaclsNotation::parse);
        fuzzText(5, TEXTS, CaclsListing::parse);
        fuzzText(6, TEXTS, AclArgument::parseText);
        fuzzText(7, List.of("S-1-5-21-3141592653-589793238-462643383-10000", "S-1-0x123456789ABC-1"), Sid::parse);
    }

    private static void fuzzBytes(long seed, List<byte[]> seeds, Consumer<byte[]> decoder) {
        assertTimeoutPreemptively(LIMIT, () -> {
            var random = new Random(seed);
            for (int round = 0; round < ROUNDS; round++) {
                byte[] input = mutate(random, seeds.get(random.nextInt(seeds.size())));
                check(() -> decoder.accept(input), "seed " + seed + " round " + round + " input " + HexFormat.of().formatHex(input));
            }
        });
    }

    private static void fuzzText(long seed, List<String> seeds, Consumer<String> decoder) {
        String alphabet = "();:,*\\-_ \n\tSDAOGIPRCXFWMN0123456789xabcdef\u2022\u201C\u00A0()";
        assertTimeoutPreemptively(LIMIT, () -> {
            var random = new Random(seed);
            for (int round = 0; round < ROUNDS / 2; round++) {
                var sb = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits && sb.length() > 0; e++) {
                    int at = random.nextInt(sb.length());
                    switch (random.nextInt(4)) {
                        case 0 -> sb.deleteCharAt(at);
                        case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        case 2 -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        default -> sb.setLength(at);
                    }
                }
                String input = sb.toString();
                check(() -> decoder.accept(input), "seed " + seed + " round " + round + " input '" + input + "'");
            }
        });
    }

    private static byte[] mutate(Random random, byte[] original) {
        byte[] b = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
            case 1 -> {
                for (int i = 0; i < 1 + random.nextInt(4); i++) b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
            }
            case 2 -> {
                // sizes, counts and offsets: small, zero, huge, pointing backwards
                int at = random.nextInt(b.length - 1);
                int value = List.of(0, 1, 4, 8, 0x14, 0xFF, 0xFFFF, b.length, b.length - 1).get(random.nextInt(9));
                b[at] = (byte) value;
                b[at + 1] = (byte) (value >>> 8);
            }
            case 3 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            default -> b = append(random, b);
        }
        return b;
    }

    /** {@code b} with 1 to 16 random bytes after it (trailing data a decoder must ignore or refuse). */
    static byte[] append(Random random, byte[] b) {
        byte[] tail = new byte[1 + random.nextInt(16)];
        random.nextBytes(tail);
        byte[] longer = java.util.Arrays.copyOf(b, b.length + tail.length);
        System.arraycopy(tail, 0, longer, b.length, tail.length);
        return longer;
    }

    /** The append mutation once filled a copy and appended only zeros: what it appends must be random. */
    @Test
    void appendedBytesAreRandomNotZeros() {
        var random = new Random(1);
        byte[] original = {1, 2, 3};
        int nonZero = 0;
        int appended = 0;
        for (int i = 0; i < 50; i++) {
            byte[] longer = append(random, original);
            assertArrayEquals(original, java.util.Arrays.copyOf(longer, original.length));
            for (int j = original.length; j < longer.length; j++) {
                appended++;
                if (longer[j] != 0) nonZero++;
            }
        }
        assertTrue(nonZero > appended * 9 / 10, nonZero + " of " + appended + " appended bytes are not zero");
    }

    private static void check(Runnable decode, String what) {
        try {
            decode.run();
        } catch (BadInputException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank() || expected.getMessage().contains("\n")) {
                fail("rejection without a one-line message for " + what);
            }
        } catch (RuntimeException | StackOverflowError e) {
            fail("unexpected " + e + " for " + what, e);
        }
    }
}
