package prestage.core.security;

import prestage.core.BadInputException;

/**
 * Text or bytes that do not form a valid security descriptor, ACL, ACE, SID or right. The message is one
 * line naming the offending token, line or byte offset and what would be accepted; being bad input, the
 * faces map it to exit status 2.
 */
public class SecurityFormatException extends BadInputException {
    public SecurityFormatException(String message) {
        super(oneLine(message));
    }

    /** Echoed input may hold line breaks or control characters; they are shown escaped so the message stays one line. */
    static String oneLine(String message) {
        var sb = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c == '\t') sb.append("\\t");
            else if (Character.isISOControl(c)) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
