package prestage.core.client;

/** What kind of client a run prepares; it decides where files, ACLs, attributes and registry values go. */
public enum ClientKind {
    /** Windows itself: paths as they are, ACLs and registry through the Windows API. */
    LIVE_WINDOWS,
    /** An offline Windows volume mounted with ntfs-3g: C:\ is the mount point. */
    NTFS_VOLUME,
    /** A plain folder standing for C:\ (the demo, a Samba share): Samba-style ACLs, a .reg file. */
    FOLDER,
    /** Linux with no client: native paths only, Samba-style ACLs. */
    NATIVE,
    /** A Windows machine on the network: its admin share over SMB, its registry over winreg. */
    SMB
}
