package prestage.core.security;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import prestage.core.BadInputException;
import prestage.core.WindowsText;
import prestage.core.profile.Profile;

/**
 * The ACL argument of {@code acl apply} and {@code acl diff}: SDDL, icacls notation, {@code @FILE} holding either
 * or the documentation's cacls listing, or a profile name ({@code medv}). Everything is validated here, before
 * any verb touches a file.
 */
public final class AclArgument {
    private static final long MAX_FILE_SIZE = 1 << 20;

    private AclArgument() {
    }

    public static AclSpec parse(String argument) {
        if (argument == null || argument.isBlank()) {
            throw new BadInputException("empty ACL: give SDDL (D:PAI(A;OICI;FA;;;SY)...), icacls entries (*S-1-5-18:(OI)(CI)F), @FILE or a profile name (medv)");
        }
        String arg = argument.strip();
        if (arg.startsWith("@")) {
            Path file = Path.of(arg.substring(1));
            String text = readText(file);
            try {
                return parseText(text);
            } catch (SecurityFormatException e) {
                throw new SecurityFormatException("ACL file " + file + ": " + e.getMessage());
            }
        }
        var profile = Profile.named(arg);
        if (profile.isPresent()) {
            AclSpec spec = parseText(profile.get().acl());
            return new AclSpec(spec.descriptor(), spec.protect(), "profile " + profile.get().name());
        }
        return parseText(arg);
    }

    /** SDDL, a cacls listing or icacls entries, told apart by their look. */
    public static AclSpec parseText(String text) {
        if (text.isBlank()) throw new SecurityFormatException("the ACL text is empty");
        String firstLine = NotationText.cleanLines(text).stream().filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (Sddl.looksLike(firstLine)) {
            SecurityDescriptor sd = Sddl.parse(text);
            if (!sd.has(ControlFlag.DACL_PRESENT)) {
                throw new SecurityFormatException("SDDL '" + text.strip() + "' has no D: part; give the DACL to apply, e.g. D:PAI(A;OICI;FA;;;SY)");
            }
            if (sd.hasNullDacl()) {
                throw new SecurityFormatException("SDDL D:NO_ACCESS_CONTROL is a NULL DACL, which lets everyone do anything; list ACEs instead");
            }
            return new AclSpec(sd, sd.isDaclProtected(), "sddl");
        }
        if (CaclsListing.looksLike(text)) return fromAces(CaclsListing.parse(text), "cacls");
        return fromAces(IcaclsNotation.parse(text), "icacls");
    }

    private static AclSpec fromAces(List<Ace> aces, String notation) {
        return new AclSpec(SecurityDescriptor.ofDacl(Acl.of(aces), false), null, notation);
    }

    /** UTF-8, or UTF-16 with a byte order mark (what {@code icacls /save} and Notepad write). */
    private static String readText(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_SIZE) throw new BadInputException("ACL file " + file + " is over 1 MiB; an ACL is a few lines");
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("ACL file " + file + " cannot be read (" + prestage.core.ErrorText.of(e) + "); check the path after '@'");
        }
        try {
            return WindowsText.decode(bytes, WindowsText.byteOrderMark(bytes).orElse(new WindowsText.Encoding(StandardCharsets.UTF_8, 0)));
        } catch (CharacterCodingException e) {
            throw new BadInputException("ACL file " + file + " is not UTF-8 text (nor UTF-16 with a byte order mark); save it as UTF-8");
        }
    }
}
