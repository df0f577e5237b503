package prestage.core.client.local;

/** What kind of local client a run prepares; it decides where files, ACLs, attributes and registry values go. */
public enum LocalKind {
    /** Windows itself: paths as they are, ACLs and registry through the Windows API. */
    LIVE_WINDOWS,
    /** An offline Windows volume mounted with ntfs-3g: C:\ is the mount point. */
    NTFS_VOLUME,
    /** A plain folder standing for C:\ (the demo, a Samba share): Samba-style ACLs, a .reg file. */
    FOLDER,
    /** Linux with no client: native paths only, Samba-style ACLs. */
    NATIVE;

    /** False for a run with no client of its own (native paths): see {@link prestage.core.client.Client#hasOwnDrive}. */
    public boolean hasOwnDrive() {
        return this != NATIVE;
    }

    /** Samba serves a descriptor made from the POSIX permissions where a plain folder stores none. */
    public boolean derivesMissingDescriptors() {
        return this == FOLDER || this == NATIVE;
    }

    /** The name messages and the JSON document use. */
    public String shown() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
