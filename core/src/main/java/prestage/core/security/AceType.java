package prestage.core.security;

import java.util.Optional;

/** ACE types of MS-DTYP 2.4.4.1 with their SDDL names and the body layout each uses. */
public enum AceType {
    ACCESS_ALLOWED(0x00, "A", Layout.BASIC),
    ACCESS_DENIED(0x01, "D", Layout.BASIC),
    SYSTEM_AUDIT(0x02, "AU", Layout.BASIC),
    SYSTEM_ALARM(0x03, "AL", Layout.BASIC),
    ACCESS_ALLOWED_OBJECT(0x05, "OA", Layout.OBJECT),
    ACCESS_DENIED_OBJECT(0x06, "OD", Layout.OBJECT),
    SYSTEM_AUDIT_OBJECT(0x07, "OU", Layout.OBJECT),
    SYSTEM_ALARM_OBJECT(0x08, "OL", Layout.OBJECT),
    ACCESS_ALLOWED_CALLBACK(0x09, "XA", Layout.BASIC),
    ACCESS_DENIED_CALLBACK(0x0A, "XD", Layout.BASIC),
    ACCESS_ALLOWED_CALLBACK_OBJECT(0x0B, "ZA", Layout.OBJECT),
    ACCESS_DENIED_CALLBACK_OBJECT(0x0C, null, Layout.OBJECT),
    SYSTEM_AUDIT_CALLBACK(0x0D, "XU", Layout.BASIC),
    SYSTEM_ALARM_CALLBACK(0x0E, null, Layout.BASIC),
    SYSTEM_AUDIT_CALLBACK_OBJECT(0x0F, null, Layout.OBJECT),
    SYSTEM_ALARM_CALLBACK_OBJECT(0x10, null, Layout.OBJECT),
    SYSTEM_MANDATORY_LABEL(0x11, "ML", Layout.BASIC),
    SYSTEM_RESOURCE_ATTRIBUTE(0x12, "RA", Layout.BASIC),
    SYSTEM_SCOPED_POLICY_ID(0x13, "SP", Layout.BASIC),
    SYSTEM_PROCESS_TRUST_LABEL(0x14, "TL", Layout.BASIC),
    SYSTEM_ACCESS_FILTER(0x15, "FL", Layout.BASIC);

    /** BASIC: mask then SID; OBJECT: mask, object flags, optional GUIDs, SID. Either may carry trailing application data. */
    public enum Layout { BASIC, OBJECT }

    private final Notation notation;
    private final Layout layout;

    AceType(int code, String sddl, Layout layout) {
        this.notation = new Notation(code, sddl, null);
        this.layout = layout;
    }

    public int code() {
        return notation.value();
    }

    public Optional<String> sddl() {
        return Optional.ofNullable(notation.sddl());
    }

    public Layout layout() {
        return layout;
    }

    public boolean isDeny() {
        return this == ACCESS_DENIED || this == ACCESS_DENIED_OBJECT || this == ACCESS_DENIED_CALLBACK
                || this == ACCESS_DENIED_CALLBACK_OBJECT;
    }

    public boolean isAllow() {
        return this == ACCESS_ALLOWED || this == ACCESS_ALLOWED_OBJECT || this == ACCESS_ALLOWED_CALLBACK
                || this == ACCESS_ALLOWED_CALLBACK_OBJECT;
    }

    /** Types that belong in a DACL (allow and deny); the rest belong in a SACL. */
    public boolean isDaclType() {
        return isAllow() || isDeny();
    }

    public static Optional<AceType> byCode(int code) {
        return Notation.find(values(), AceType::code, code);
    }

    public static Optional<AceType> bySddl(String name) {
        return Notation.find(values(), t -> t.notation.sddl(), name);
    }
}
