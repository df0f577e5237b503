package prestage.core.security;

import prestage.core.BadInputException;

/**
 * Text or bytes that do not form a valid security descriptor, ACL, ACE, SID or right. The message is one
 * line naming the offending token, line or byte offset and what would be accepted; being bad input, the
 * faces map it to exit status 2.
 */
public class SecurityFormatException extends BadInputException {
    public SecurityFormatException(String message) {
        super(message);
    }
}
